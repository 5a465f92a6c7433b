package io.chunking.samples.newsletter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.ChunkAttempt;

/**
 * Mails one subscriber the issue of a chunk attempt, at most once per issue as far as the ledger can tell
 * ({@link Deliveries}): a delivery already {@code SENT} is not sent again (its output says by which run), one
 * already {@code REJECTED} is skipped again with its recorded error, any other is claimed, sent and recorded.
 * Thread-safe: the job's concurrency runs several subscribers of an attempt at once.
 */
final class NewsletterSender implements ItemProcessor<Subscriber, Delivery> {

	private static final Log logger = LogFactory.getLog(NewsletterSender.class);

	private final Deliveries deliveries;

	private final MailSender mail;

	private final ChunkAttempt attempt;

	private final String issue;

	NewsletterSender(Deliveries deliveries, MailSender mail, ChunkAttempt attempt) {
		this.deliveries = deliveries;
		this.mail = mail;
		this.attempt = attempt;
		this.issue = Issue.of(attempt.arguments());
	}

	@Override
	public @Nullable Delivery process(Subscriber subscriber) throws Exception {
		Deliveries.Claim claim = this.deliveries.claim(this.issue, subscriber, this.attempt);
		if (!claim.claimed()) {
			return settledBefore(subscriber, claim.previous());
		}
		if (claim.inDoubt()) {
			logger.warn("Delivery of issue " + this.issue + " to " + subscriber.id() + " was left SENDING by another "
					+ "attempt: the server may have accepted it; sending it again with "
					+ "the same Message-ID " + MailSender.messageId(this.issue, subscriber.id()));
		}
		try {
			this.mail.send(this.issue, subscriber);
		}
		catch (MailRejectedException ex) {
			this.deliveries.rejected(this.issue, subscriber.id(), this.attempt, ex.getMessage());
			throw ex;
		}
		catch (MailDeferredException ex) {
			this.deliveries.deferred(this.issue, subscriber.id(), this.attempt, ex.getMessage());
			throw ex;
		}
		if (!this.deliveries.sent(this.issue, subscriber.id(), this.attempt,
				MailSender.messageId(this.issue, subscriber.id()))) {
			logger.warn("Delivery of issue " + this.issue + " to " + subscriber.id() + " was taken over by another "
					+ "attempt while " + Deliveries.token(this.attempt) + " sent it; it is sent again with the same "
					+ "Message-ID");
		}
		return new Delivery(this.issue, subscriber.id(), Delivery.Outcome.SENT);
	}

	private Delivery settledBefore(Subscriber subscriber, @Nullable Document previous) {
		if (previous == null) {
			throw new IllegalStateException("The delivery of issue " + this.issue + " to " + subscriber.id()
					+ " could neither be claimed nor read");
		}
		if (Deliveries.REJECTED.equals(previous.getString("status"))) {
			throw new MailRejectedException(previous.getString("error"));
		}
		Number sentIn = previous.get("jobInstanceId", Number.class);
		boolean thisRun = sentIn != null && sentIn.longValue() == this.attempt.jobInstanceId();
		return new Delivery(this.issue, subscriber.id(),
				thisRun ? Delivery.Outcome.SENT : Delivery.Outcome.ALREADY_SENT);
	}

}
