package io.chunking.store;

import java.time.Instant;

/**
 * Object keys of payloads and results. Payload keys are unique per payload segment (or per chunk, for runs sliced
 * before segments existed); result keys per claim of a chunk attempt, so that a late attempt's result never
 * overwrites the one the ledger counts.
 */
public final class ChunkKeys {

	private ChunkKeys() {
	}

	public static String instancePrefix(String jobName, long jobInstanceId) {
		return jobName + "/" + jobInstanceId + "/";
	}

	public static String payload(String jobName, ChunkKey key) {
		return instancePrefix(jobName, key.jobInstanceId()) + "payloads/" + key.chunkIndex() + ".ndjson";
	}

	/**
	 * Key of a payload segment: the payloads of consecutive chunks of one run, from chunk {@code firstChunkIndex} on.
	 */
	public static String payloadSegment(String jobName, long jobInstanceId, int firstChunkIndex) {
		return instancePrefix(jobName, jobInstanceId) + "payloads/segment-" + firstChunkIndex + ".ndjson";
	}

	/**
	 * Key of the result object of the attempt a claim holds. It names the attempt and the moment of its claim, so
	 * that no two claims ever share a result object: not two attempts, and not the same attempt number claimed again
	 * after an unfinished slice was redone (the redone slice's chunks start again at attempt 0, while a worker of the
	 * discarded slice may still be writing).
	 */
	public static String result(String jobName, ChunkClaim claim) {
		return result(jobName, claim.record());
	}

	/**
	 * Key of the result object of a chunk's current or last attempt, as {@link #result(String, ChunkClaim)} named it.
	 * @throws IllegalArgumentException if the chunk was never claimed
	 */
	public static String result(String jobName, ChunkRecord chunk) {
		Instant claimedAt = chunk.startedAt();
		if (chunk.attempt() < 1 || claimedAt == null) {
			throw new IllegalArgumentException(chunk.key() + " was never claimed: it has no result object");
		}
		return resultsPrefix(jobName, chunk.key()) + chunk.attempt() + "-" + claimedAt.toEpochMilli() + ".json";
	}

	/** Prefix of the keys of every result object of one chunk. */
	public static String resultsPrefix(String jobName, ChunkKey key) {
		return instancePrefix(jobName, key.jobInstanceId()) + "results/" + key.chunkIndex() + "-";
	}

}
