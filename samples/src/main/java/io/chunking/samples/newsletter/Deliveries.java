package io.chunking.samples.newsletter;

import java.util.Date;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.chunking.job.ChunkAttempt;

/**
 * The delivery ledger of the newsletter, one document per issue and subscriber in the collection
 * {@value NewsletterJob#DELIVERIES} ({@code _id} = issue + ":" + subscriber), changed only by single-document
 * compare-and-set operations:
 * <ul>
 * <li>{@link #claim} before the SMTP send: {@code SENDING}, with the attempt that claims it (unless the delivery is
 * {@code SENT} or {@code REJECTED}: then nothing is sent);</li>
 * <li>{@link #sent} once the server accepted the message: {@code SENT}; {@link #rejected} if it refused the
 * recipient for good: {@code REJECTED}; {@link #deferred} if it refused it for now: {@code DEFERRED} (nothing was
 * accepted, so the next claim sends without doubt).</li>
 * </ul>
 * A delivery still {@code SENDING} under another attempt's claim is <em>in doubt</em>: that attempt died (or lost
 * its lease) between its claim and its record, perhaps after the server accepted the message. The claim takes it
 * over, marks it {@code inDoubt} and the message is sent again with the same Message-ID.
 */
public final class Deliveries {

	static final String SENDING = "SENDING";

	static final String SENT = "SENT";

	static final String REJECTED = "REJECTED";

	static final String DEFERRED = "DEFERRED";

	private final MongoCollection<Document> collection;

	public Deliveries(MongoCollection<Document> collection) {
		this.collection = collection;
	}

	/**
	 * What a claim found.
	 * @param claimed whether this attempt now holds the delivery and must send
	 * @param inDoubt whether it took the delivery over from another attempt's {@code SENDING}
	 * @param previous the delivery as it was, {@code null} if there was none
	 */
	record Claim(boolean claimed, boolean inDoubt, @Nullable Document previous) {
	}

	static String id(String issue, String subscriber) {
		return issue + ":" + subscriber;
	}

	/** The claim token of an attempt: job instance, chunk, attempt and worker. */
	static String token(ChunkAttempt attempt) {
		return attempt.jobInstanceId() + "/" + attempt.chunkIndex() + "/" + attempt.attempt() + "/"
				+ attempt.workerId();
	}

	/** Claims the delivery of {@code subscriber} for {@code attempt}, unless it is sent or rejected. */
	Claim claim(String issue, Subscriber subscriber, ChunkAttempt attempt) {
		String id = id(issue, subscriber.id());
		String token = token(attempt);
		Bson open = Filters.and(Filters.eq("_id", id), Filters.nin("status", SENT, REJECTED));
		Bson update = Updates.combine(Updates.set("status", SENDING), Updates.set("claim", token),
				Updates.set("jobInstanceId", attempt.jobInstanceId()), Updates.set("claimedAt", new Date()),
				Updates.inc("claims", 1), Updates.setOnInsert("issue", issue),
				Updates.setOnInsert("subscriber", subscriber.id()), Updates.setOnInsert("email", subscriber.email()));
		Document previous;
		try {
			previous = this.collection.findOneAndUpdate(open, update,
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
		}
		catch (MongoException ex) {
			// A write error (MongoWriteException) or a command error (MongoCommandException), as servers differ.
			if (ErrorCategory.fromErrorCode(ex.getCode()) != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// The upsert met a delivery that is SENT or REJECTED.
			return new Claim(false, false, this.collection.find(Filters.eq("_id", id)).first());
		}
		boolean inDoubt = previous != null && SENDING.equals(previous.getString("status"))
				&& !token.equals(previous.getString("claim"));
		if (inDoubt) {
			this.collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("claim", token)),
					Updates.combine(Updates.set("inDoubt", true), Updates.push("inDoubtClaims",
							previous.getString("claim"))));
		}
		return new Claim(true, inDoubt, previous);
	}

	/** Records the message as accepted by the server; whether this attempt still held the claim. */
	boolean sent(String issue, String subscriber, ChunkAttempt attempt, String messageId) {
		return settle(issue, subscriber, attempt, Updates.combine(Updates.set("status", SENT),
				Updates.set("messageId", messageId), Updates.set("sentAt", new Date()),
				Updates.set("sentBy", token(attempt))));
	}

	/** Records that the server refused the recipient for good. */
	boolean rejected(String issue, String subscriber, ChunkAttempt attempt, String error) {
		return settle(issue, subscriber, attempt,
				Updates.combine(Updates.set("status", REJECTED), Updates.set("error", error)));
	}

	/** Records that the server refused the recipient for now: nothing was accepted. */
	boolean deferred(String issue, String subscriber, ChunkAttempt attempt, String error) {
		return settle(issue, subscriber, attempt,
				Updates.combine(Updates.set("status", DEFERRED), Updates.set("error", error)));
	}

	private boolean settle(String issue, String subscriber, ChunkAttempt attempt, Bson update) {
		return this.collection
			.updateOne(Filters.and(Filters.eq("_id", id(issue, subscriber)), Filters.eq("claim", token(attempt))),
					update)
			.getModifiedCount() == 1;
	}

	/** Deliveries of an issue with {@code status}. */
	long count(String issue, String status) {
		return this.collection.countDocuments(Filters.and(Filters.eq("issue", issue), Filters.eq("status", status)));
	}

	/** Deliveries of an issue that a run took over in doubt, by the run's job instance. */
	long inDoubt(String issue, long jobInstanceId) {
		return this.collection.countDocuments(Filters.and(Filters.eq("issue", issue), Filters.eq("inDoubt", true),
				Filters.eq("jobInstanceId", jobInstanceId)));
	}

}
