package io.chunking.store;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One run of a chunked job (a Spring Batch job instance) as the chunk store knows it: the validated arguments that
 * workers need to process its chunks, and whether slicing finished.
 *
 * @param jobInstanceId Spring Batch job instance id
 * @param jobName name of the chunked job
 * @param arguments the job's validated parameters as strings
 * @param sliced whether every chunk of the run is in the ledger and its payload in the payload store
 * @param chunkCount number of chunks, once sliced
 * @param itemCount number of items, once sliced
 * @param createdAt when slicing started
 * @param slicedAt when slicing finished, {@code null} before
 * @param ownerId the master running the run's current execution, {@code null} if none
 * @param ownerLeaseExpiresAt when the owner's lease ends unless renewed
 * @param jobExecutionId the execution the owner runs
 * @param pendingRestartOf the execution that ended (or is ending) to be restarted by the next owner of the run,
 * {@code null} if none: see {@link RunStore#markRestartPending}
 * @param pendingRestartBy the master that marked it
 */
public record RunRecord(long jobInstanceId, String jobName, Map<String, String> arguments, boolean sliced,
		int chunkCount, long itemCount, @Nullable Instant createdAt, @Nullable Instant slicedAt,
		@Nullable String ownerId, @Nullable Instant ownerLeaseExpiresAt, long jobExecutionId,
		@Nullable Long pendingRestartOf, @Nullable String pendingRestartBy) {
}
