package io.chunking.samples.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chunking.samples.newsletter.mailserver.NewsletterMailServer;

/**
 * {@link MailSender} against the demo SMTP server (GreenMail): the Message-ID is the issue's and the subscriber's,
 * a recipient refused for good or for now is told apart, and connections are reused.
 */
class MailSenderTests {

	static NewsletterMailServer server;

	static MailSender sender;

	@BeforeAll
	static void start() {
		server = NewsletterMailServer.start(0);
		sender = new MailSender("127.0.0.1", server.port(), "newsletter@chunking.io", 5_000);
	}

	@AfterAll
	static void stop() {
		sender.close();
		server.close();
	}

	@Test
	void aMailCarriesTheMessageIdOfItsIssueAndSubscriberAndSendingItAgainKeepsIt() throws Exception {
		Subscriber subscriber = new Subscriber("s-1", "s-1@example.com", "One", true);
		sender.send("2026-12-07", subscriber);
		sender.send("2026-12-07", subscriber);

		assertThat(server.accepted()).filteredOn((accepted) -> accepted.recipient().equals("s-1@example.com"))
			.extracting(NewsletterMailServer.Accepted::messageId)
			.containsExactly("<2026-12-07.s-1@newsletter.chunking.io>", "<2026-12-07.s-1@newsletter.chunking.io>");
	}

	@Test
	void aRecipientRefusedForGoodIsRejectedWithTheServersReply() {
		assertThatExceptionOfType(MailRejectedException.class)
			.isThrownBy(() -> sender.send("i", new Subscriber("s-2", "bounce-s-2@example.com", "Two", true)))
			.withMessage("The mail server refused bounce-s-2@example.com for good: 550 5.1.1 "
					+ "<bounce-s-2@example.com>: mailbox unavailable");
	}

	@Test
	void aRecipientRefusedForNowIsDeferredAndSentTheNextTime() throws Exception {
		Subscriber busy = new Subscriber("s-3", "busy-s-3@example.com", "Three", true);
		assertThatExceptionOfType(MailDeferredException.class).isThrownBy(() -> sender.send("i", busy))
			.withMessageStartingWith("The mail server refused busy-s-3@example.com for now: 451 4.3.2");
		sender.send("i", busy);

		assertThat(server.accepted()).filteredOn((accepted) -> accepted.recipient().equals("busy-s-3@example.com"))
			.hasSize(1);
	}

	@Test
	void hundredsOfMailsGoThroughReusedConnections() throws Exception {
		long start = System.nanoTime();
		for (int i = 0; i < 300; i++) {
			sender.send("bulk", new Subscriber("b-" + i, "b-" + i + "@example.com", "B", true));
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println("300 mails in " + millis + " ms");
		assertThat(server.accepted()).filteredOn((accepted) -> accepted.recipient().startsWith("b-")).hasSize(300);
	}

}
