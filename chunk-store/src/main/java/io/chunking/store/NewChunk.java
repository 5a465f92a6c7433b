package io.chunking.store;

/**
 * A freshly sliced chunk, about to be recorded as {@link ChunkStatus#PENDING}.
 *
 * @param key job instance and chunk index
 * @param jobName name of the chunked job
 * @param jobExecutionId the execution that sliced it
 * @param itemCount number of items in the payload
 * @param payloadKey object key of the payload already written to the payload store
 */
public record NewChunk(ChunkKey key, String jobName, long jobExecutionId, int itemCount, String payloadKey) {

	public NewChunk {
		if (itemCount < 1) {
			throw new IllegalArgumentException("itemCount of " + key + " must be at least 1, was " + itemCount);
		}
	}

}
