package io.chunking.store;

/**
 * Object keys of payloads and results. Payload keys are unique per chunk; result keys per chunk attempt, so that a
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

	public static String result(String jobName, ChunkKey key, int attempt) {
		return instancePrefix(jobName, key.jobInstanceId()) + "results/" + key.chunkIndex() + "-" + attempt + ".json";
	}

}
