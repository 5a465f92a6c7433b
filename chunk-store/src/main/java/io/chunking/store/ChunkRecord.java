package io.chunking.store;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One chunk's entry in the ledger.
 *
 * @param key job instance and chunk index
 * @param jobName name of the chunked job
 * @param jobExecutionId the execution that last dispatched the chunk
 * @param itemCount number of items in the chunk's payload
 * @param payloadKey object key of the payload (or of the segment holding it) in the payload store
 * @param payloadRange where the payload is in that object, {@code null} if it is the whole object
 * @param status current status
 * @param attempt number of attempts claimed so far (0 before the first claim)
 * @param workerId worker of the current or last attempt, {@code null} before the first claim
 * @param leaseExpiresAt end of the current attempt's lease, {@code null} unless running
 * @param createdAt when the chunk was sliced
 * @param startedAt when the current or last attempt was claimed
 * @param finishedAt when the chunk reached its current terminal or failed status
 * @param counts item counts of the successful attempt
 * @param resultKey object key of the counted result, {@code null} unless succeeded with a result
 * @param lastError error of the last failed attempt, {@code null} if none failed
 * @param skips items the counted attempt skipped (the first {@link ChunkOutcome#MAX_SKIPS}), empty unless succeeded
 */
public record ChunkRecord(ChunkKey key, String jobName, long jobExecutionId, int itemCount, String payloadKey,
		@Nullable ByteRange payloadRange, ChunkStatus status, int attempt, @Nullable String workerId,
		@Nullable Instant leaseExpiresAt, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, ItemCounts counts,
		@Nullable String resultKey, @Nullable ChunkError lastError, List<SkippedItem> skips) {

	public ChunkRecord {
		skips = List.copyOf(skips);
	}

	public int chunkIndex() {
		return this.key.chunkIndex();
	}

}
