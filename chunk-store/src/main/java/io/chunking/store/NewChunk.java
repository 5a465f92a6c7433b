package io.chunking.store;

import org.jspecify.annotations.Nullable;

/**
 * A freshly sliced chunk, about to be recorded as {@link ChunkStatus#PENDING}.
 *
 * @param key job instance and chunk index
 * @param jobName name of the chunked job
 * @param jobExecutionId the execution that sliced it
 * @param itemCount number of items in the payload
 * @param payloadKey object key of the payload (or of the segment holding it) already written to the payload store
 * @param payloadRange where the payload is in that object, {@code null} if it is the whole object
 */
public record NewChunk(ChunkKey key, String jobName, long jobExecutionId, int itemCount, String payloadKey,
		@Nullable ByteRange payloadRange) {

	/** A chunk whose payload is a whole object of its own. */
	public NewChunk(ChunkKey key, String jobName, long jobExecutionId, int itemCount, String payloadKey) {
		this(key, jobName, jobExecutionId, itemCount, payloadKey, null);
	}

	public NewChunk {
		if (itemCount < 1) {
			throw new IllegalArgumentException("itemCount of " + key + " must be at least 1, was " + itemCount);
		}
	}

}
