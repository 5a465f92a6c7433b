package io.chunking.job;

/**
 * The attempt a worker is running, given to the processor and writer factories so they can depend on it (for
 * example to fail in a test, or to tag output with the chunk).
 *
 * @param jobName name of the chunked job
 * @param jobInstanceId Spring Batch job instance id
 * @param chunkIndex index of the chunk
 * @param attempt attempt number, starting at 1
 * @param workerId id of the worker running it
 * @param arguments the run's validated arguments
 */
public record ChunkAttempt(String jobName, long jobInstanceId, int chunkIndex, int attempt, String workerId,
		JobArguments arguments) {
}
