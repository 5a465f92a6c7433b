package io.chunking.samples.profiles;

import org.jspecify.annotations.Nullable;

import com.mongodb.client.MongoDatabase;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.JobArguments;

/**
 * The faults {@code profiles-rescore} can be asked to make, to show that a partial failure rescores nothing twice.
 * Both make an attempt fail after it wrote half the profiles of its first write, as a worker that crashes between
 * two writes would:
 * <ul>
 * <li>{@value #HALF_WRITE_EVERY} {@code n}: the first attempt of chunks 0, n, 2n, ... Retried within the execution,
 * which completes.</li>
 * <li>{@value #OUTAGE_EVERY} {@code n}: every attempt of chunks n-1, 2n-1, ... while the outage switch is on, a
 * document in the collection {@value #OUTAGE_COLLECTION} of the sample database (as a downstream system that is
 * down until an operator fixes it). Those chunks die after their attempts and the execution fails; delete the
 * document and restart the execution ({@code POST /api/executions/{id}/restart}) to finish the run.</li>
 * </ul>
 * 0, the default of both, makes no fault.
 */
final class RescoreFaults {

	static final String HALF_WRITE_EVERY = "halfWriteEvery";

	static final String OUTAGE_EVERY = "outageEvery";

	/** The collection whose documents switch the outage on (any document) in the sample database. */
	static final String OUTAGE_COLLECTION = "rescore_outage";

	private RescoreFaults() {
	}

	/**
	 * Why the attempt must fail after writing half its first write, or {@code null} if it must not.
	 * @param database the sample database, where the outage switch is
	 */
	static @Nullable String reason(ChunkAttempt attempt, MongoDatabase database) {
		JobArguments arguments = attempt.arguments();
		long halfWriteEvery = arguments.getLong(HALF_WRITE_EVERY);
		if (halfWriteEvery > 0 && attempt.attempt() == 1 && attempt.chunkIndex() % halfWriteEvery == 0) {
			return "attempt 1 of chunk " + attempt.chunkIndex() + " crashes halfway (" + HALF_WRITE_EVERY + "="
					+ halfWriteEvery + ")";
		}
		long outageEvery = arguments.getLong(OUTAGE_EVERY);
		if (outageEvery > 0 && attempt.chunkIndex() % outageEvery == outageEvery - 1
				&& database.getCollection(OUTAGE_COLLECTION).countDocuments() > 0) {
			return "chunk " + attempt.chunkIndex() + " meets the outage (" + OUTAGE_EVERY + "=" + outageEvery
					+ ", switched on by a document in " + database.getName() + "." + OUTAGE_COLLECTION
					+ "; delete it and restart the execution)";
		}
		return null;
	}

}
