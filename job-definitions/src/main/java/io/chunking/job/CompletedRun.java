package io.chunking.job;

import java.util.List;
import java.util.stream.Stream;

/**
 * An execution whose chunks are all settled and which is completing, as given to {@link ChunkSink#completed}.
 */
public interface CompletedRun {

	String jobName();

	long jobInstanceId();

	long jobExecutionId();

	JobArguments arguments();

	/** Number of chunks the run was sliced into. */
	int chunkCount();

	/**
	 * The attempt that counts of every succeeded chunk, in chunk order, read from the ledger as the stream is
	 * consumed (it holds no more than a page in memory); the caller closes it.
	 */
	Stream<CountedAttempt> countedAttempts();

	/** Indexes of the dead chunks the execution tolerates, in order; empty unless a tolerance was set. */
	List<Integer> deadChunks();

}
