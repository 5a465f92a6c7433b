package io.chunking.samples.newsletter;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.jspecify.annotations.Nullable;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one issue's mail to one subscriber through SMTP (Jakarta Mail), with a Message-ID that depends only on the
 * issue and the subscriber, so that a mail sent again after a doubt carries the same id as the first. Thread-safe:
 * each send takes a connection of its own from a pool of open ones (as many as sends at once, which the job's
 * concurrency bounds), and gives it back unless it failed; a connection idle for longer than
 * {@value #CHECK_IDLE_MILLIS} ms is checked (NOOP) before it is used, so that one the server closed meanwhile does
 * not turn a send into an unknown failure.
 */
public final class MailSender implements AutoCloseable {

	private static final long CHECK_IDLE_MILLIS = 5_000;

	private record Connection(Transport transport, long idleSince) {
	}

	private final Deque<Connection> idle = new ArrayDeque<>();

	/** Domain part of the Message-IDs. */
	static final String MESSAGE_ID_DOMAIN = "newsletter.chunking.io";

	private final Session session;

	private final String from;

	/**
	 * @param host SMTP host
	 * @param port SMTP port
	 * @param from sender address
	 * @param timeoutMillis connect, read and write timeout of each connection
	 */
	public MailSender(String host, int port, String from, int timeoutMillis) {
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.host", host);
		properties.setProperty("mail.smtp.port", Integer.toString(port));
		properties.setProperty("mail.smtp.connectiontimeout", Integer.toString(timeoutMillis));
		properties.setProperty("mail.smtp.timeout", Integer.toString(timeoutMillis));
		properties.setProperty("mail.smtp.writetimeout", Integer.toString(timeoutMillis));
		properties.setProperty("mail.smtp.localhost", MESSAGE_ID_DOMAIN);
		this.session = Session.getInstance(properties);
		this.from = from;
	}

	/** The Message-ID of an issue's mail to a subscriber, e.g. {@code <2026-12-07.s-00042@newsletter.chunking.io>}. */
	public static String messageId(String issue, String subscriber) {
		return "<" + issue + "." + subscriber + "@" + MESSAGE_ID_DOMAIN + ">";
	}

	/**
	 * Sends the mail; when this returns, the server has accepted it.
	 * @throws MailRejectedException if the server refused the recipient for good (5xx)
	 * @throws MailDeferredException if it refused it for now (4xx) or could not be connected to: nothing was sent
	 * @throws MessagingException for any other failure, after which it is unknown whether the mail was accepted
	 */
	public void send(String issue, Subscriber subscriber) throws MessagingException {
		String messageId = messageId(issue, subscriber.id());
		MimeMessage message = new MimeMessage(this.session) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress(this.from));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(subscriber.email()));
		message.setSubject("Newsletter " + issue);
		message.setText("Hello " + subscriber.name() + ",\n\nhere is the newsletter of " + issue + ".\n", "UTF-8");
		message.saveChanges();
		Transport transport = connection(subscriber);
		boolean reusable = false;
		try {
			transport.sendMessage(message, message.getAllRecipients());
			reusable = true;
		}
		catch (SendFailedException ex) {
			// A recipient was refused: the transaction was reset, the connection is fine.
			reusable = true;
			throw classify(subscriber, ex);
		}
		catch (MessagingException ex) {
			throw classify(subscriber, ex);
		}
		finally {
			if (reusable) {
				synchronized (this.idle) {
					this.idle.push(new Connection(transport, System.currentTimeMillis()));
				}
			}
			else {
				closeQuietly(transport);
			}
		}
	}

	private Transport connection(Subscriber subscriber) throws MessagingException {
		while (true) {
			Connection connection;
			synchronized (this.idle) {
				connection = this.idle.poll();
			}
			if (connection == null) {
				break;
			}
			if (System.currentTimeMillis() - connection.idleSince() < CHECK_IDLE_MILLIS
					|| connection.transport().isConnected()) {
				return connection.transport();
			}
			closeQuietly(connection.transport());
		}
		Transport transport = this.session.getTransport("smtp");
		try {
			transport.connect();
		}
		catch (MessagingException ex) {
			throw classify(subscriber, ex);
		}
		return transport;
	}

	/** Closes the open connections. */
	@Override
	public void close() {
		synchronized (this.idle) {
			this.idle.forEach((connection) -> closeQuietly(connection.transport()));
			this.idle.clear();
		}
	}

	private static void closeQuietly(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			// closing anyway
		}
	}

	private static MessagingException classify(Subscriber subscriber, MessagingException failure) {
		for (@Nullable Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof SMTPAddressFailedException refused) {
				String reply = String.valueOf(refused.getMessage()).strip();
				if (refused.getReturnCode() >= 500) {
					throw new MailRejectedException(
							"The mail server refused " + subscriber.email() + " for good: " + reply);
				}
				throw new MailDeferredException(
						"The mail server refused " + subscriber.email() + " for now: " + reply, failure);
			}
			if (cause instanceof ConnectException) {
				throw new MailDeferredException("Cannot connect to the mail server: " + cause.getMessage(), failure);
			}
		}
		return failure;
	}

	private static @Nullable Throwable next(Throwable cause) {
		if (cause instanceof MessagingException messaging && messaging.getNextException() != null
				&& messaging.getNextException() != cause) {
			return messaging.getNextException();
		}
		return cause.getCause();
	}

}
