package io.chunking.store;

/**
 * Object keys of payloads and results. Payload keys are unique per payload segment (or per chunk, for runs sliced
 * before segments existed); result keys per chunk attempt, so that a
 * late attempt's result never overwrites the one the ledger counts.
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

	public static String result(String jobName, ChunkKey key, int attempt) {
		return instancePrefix(jobName, key.jobInstanceId()) + "results/" + key.chunkIndex() + "-" + attempt + ".json";
	}

}
