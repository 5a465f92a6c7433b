package io.chunking.protocol;

import io.chunking.store.ChunkKey;

/**
 * The message that asks a worker to process one chunk. It carries ids only; the worker reads the chunk's state
 * from the ledger and its payload from the payload store.
 *
 * @param version message format version, {@link #VERSION}
 * @param jobName name of the chunked job
 * @param jobInstanceId job instance the chunk belongs to
 * @param jobExecutionId execution that dispatched it
 * @param chunkIndex index of the chunk
 */
public record ChunkRequest(int version, String jobName, long jobInstanceId, long jobExecutionId, int chunkIndex) {

	/** Current message format version. */
	public static final int VERSION = 1;

	public static ChunkRequest of(String jobName, long jobExecutionId, ChunkKey key) {
		return new ChunkRequest(VERSION, jobName, key.jobInstanceId(), jobExecutionId, key.chunkIndex());
	}

	public ChunkKey key() {
		return new ChunkKey(this.jobInstanceId, this.chunkIndex);
	}

}
