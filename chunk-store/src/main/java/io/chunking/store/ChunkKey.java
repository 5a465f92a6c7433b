package io.chunking.store;

/**
 * Identity of a chunk: the job instance it belongs to and its index within that instance. Chunks belong to the
 * job instance, not to one execution, so that a restarted execution finds the chunks of the failed one.
 *
 * @param jobInstanceId Spring Batch job instance id
 * @param chunkIndex zero-based position of the chunk in slicing order
 */
public record ChunkKey(long jobInstanceId, int chunkIndex) {

	public ChunkKey {
		if (chunkIndex < 0) {
			throw new IllegalArgumentException("chunkIndex must not be negative, was " + chunkIndex);
		}
	}

	@Override
	public String toString() {
		return "chunk " + this.chunkIndex + " of job instance " + this.jobInstanceId;
	}

}
