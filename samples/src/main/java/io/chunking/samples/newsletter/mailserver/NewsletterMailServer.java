package io.chunking.samples.newsletter.mailserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.chunking.samples.newsletter.NewsletterSubscribers;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A GreenMail SMTP server on 127.0.0.1 that refuses some recipients as a real one would: a recipient whose local
 * part starts with {@value #BOUNCE} for good ({@code 550}), one whose local part starts with {@value #BUSY} for now
 * ({@code 451}) the first time it is given, and accepted afterwards. It keeps every accepted message (GreenMail's
 * mailboxes) and when it was accepted, to check that each recipient has one message per issue and that the rate held.
 * <p>
 * {@link #main} runs it alone, for {@code samples/newsletter}: {@code NewsletterMailServer <port>}, printing what it
 * received every 2 seconds.
 */
public final class NewsletterMailServer implements AutoCloseable {

	/** Local part prefix of the recipients refused for good. */
	public static final String BOUNCE = NewsletterSubscribers.BOUNCE;

	/** Local part prefix of the recipients refused the first time. */
	public static final String BUSY = NewsletterSubscribers.BUSY;

	/**
	 * A message the server accepted.
	 * @param recipient its recipient
	 * @param messageId its Message-ID header
	 * @param acceptedAtMillis when the server accepted it (before replying 250)
	 */
	public record Accepted(String recipient, @Nullable String messageId, long acceptedAtMillis) {
	}

	private final GreenMail greenMail;

	private final List<Accepted> accepted = new ArrayList<>();

	private final Set<String> deferred = ConcurrentHashMap.newKeySet();

	private NewsletterMailServer(int port) {
		this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)) {
			@Override
			protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
				this.managers = new RefusingManagers();
				return super.createServices(config, this.managers);
			}
		};
		this.greenMail.start();
	}

	/** Starts a server on {@code port} (0 for a free one). */
	public static NewsletterMailServer start(int port) {
		return new NewsletterMailServer(port);
	}

	public int port() {
		return this.greenMail.getSmtp().getPort();
	}

	/** The messages accepted so far, in the order they were accepted. */
	public List<Accepted> accepted() {
		synchronized (this.accepted) {
			return List.copyOf(this.accepted);
		}
	}

	/** GreenMail's own copy of every message received: what the recipients' mailboxes hold. */
	public MimeMessage[] mailboxes() {
		return this.greenMail.getReceivedMessages();
	}

	/** Recipients refused for now so far (each once). */
	public Set<String> deferred() {
		return Set.copyOf(this.deferred);
	}

	/** The most messages accepted within any window of {@code window}. */
	public int mostAcceptedWithin(Duration window) {
		List<Long> times = accepted().stream().map(Accepted::acceptedAtMillis).sorted().toList();
		int most = 0;
		int start = 0;
		for (int end = 0; end < times.size(); end++) {
			while (times.get(end) - times.get(start) >= window.toMillis()) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

	private final class RefusingManagers extends Managers {

		private final SmtpManager smtp = new RefusingSmtpManager(this);

		@Override
		public SmtpManager getSmtpManager() {
			return this.smtp;
		}

	}

	private final class RefusingSmtpManager extends SmtpManager {

		RefusingSmtpManager(Managers managers) {
			super(managers.getImapHostManager(), managers.getUserManager());
		}

		@Override
		public @Nullable String checkRecipient(SmtpState state, MailAddress recipient) {
			String address = recipient.getEmail().toLowerCase(Locale.ROOT);
			if (address.startsWith(BOUNCE)) {
				return "550 5.1.1 <" + address + ">: mailbox unavailable";
			}
			if (address.startsWith(BUSY) && NewsletterMailServer.this.deferred.add(address)) {
				return "451 4.3.2 <" + address + ">: mailbox busy, try again later";
			}
			return super.checkRecipient(state, recipient);
		}

		@Override
		public synchronized void send(SmtpState state) {
			super.send(state);
			long now = System.currentTimeMillis();
			String messageId = messageId(state.getMessage().getMessage());
			synchronized (NewsletterMailServer.this.accepted) {
				for (MailAddress recipient : state.getMessage().getToAddresses()) {
					NewsletterMailServer.this.accepted.add(new Accepted(recipient.getEmail(), messageId, now));
				}
			}
		}

	}

	private static @Nullable String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	/**
	 * Runs a server until the process is stopped: {@code NewsletterMailServer <port>}. Prints a line when it is
	 * ready, then every 2 seconds the messages accepted, the distinct (recipient, Message-ID) pairs among them and
	 * the recipients refused for now.
	 */
	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 2525;
		NewsletterMailServer server = start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		System.out.println("SMTP server listening on 127.0.0.1:" + server.port());
		int last = -1;
		while (true) {
			Thread.sleep(2000);
			List<Accepted> accepted = server.accepted();
			if (accepted.size() != last) {
				last = accepted.size();
				Map<String, Integer> byRecipient = new TreeMap<>();
				accepted.forEach((message) -> byRecipient.merge(message.recipient() + " " + message.messageId(), 1,
						Integer::sum));
				System.out.println("accepted=" + accepted.size() + " distinct=" + byRecipient.size() + " deferred="
						+ server.deferred().size() + " mostPerSecond=" + server.mostAcceptedWithin(Duration.ofSeconds(1)));
			}
		}
	}

}
