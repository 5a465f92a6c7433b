package io.chunking.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The chunk ledger: one entry per chunk with its status, attempts, lease and errors. It is the source of truth for
 * the progress of a chunked job. Every state change is a single-document compare-and-set, so two processes that race
 * for the same chunk can never both win, and a worker whose lease was taken over (a "zombie") can change nothing
 * that counts. A store that cannot be reached makes any method throw {@link StoreUnavailableException}; every
 * method is safe to call again after it. Any other failure of the backend arrives as {@link StoreException}.
 */
public interface ChunkLedger {

	/** Creates the ledger's indexes if they are missing. Safe to call from every process at start-up. */
	void initialize();

	/**
	 * Records freshly sliced chunks as {@link ChunkStatus#PENDING} with attempt 0. Idempotent: chunks already
	 * recorded (a retry after a call whose outcome was unknown) are left as they are, and no error is raised for
	 * them.
	 */
	default void record(List<NewChunk> chunks) {
		record(chunks, null);
	}

	/**
	 * Records freshly sliced chunks as {@link ChunkStatus#PENDING} with attempt 0, as {@link #record(List)} does,
	 * and, if {@code dispatchedAt} is given, as dispatched once at that time, as {@link #dispatched} would: for a
	 * caller that sends their requests right after, in one write instead of two. A caller whose requests then could
	 * not be sent must send them later: until {@code redispatch-after} has passed, nothing else would.
	 */
	void record(List<NewChunk> chunks, @Nullable Instant dispatchedAt);

	/** Removes every chunk of a job instance (used before re-slicing a slice that did not finish). */
	long deleteAll(long jobInstanceId);

	Optional<ChunkRecord> find(ChunkKey key);

	/**
	 * Claims a {@link ChunkStatus#PENDING} chunk for a new attempt: status {@code RUNNING}, attempt + 1, the worker
	 * id, and a lease that ends {@code lease} after {@code now}.
	 * @return the claim, or empty if the chunk is not pending (already running, done, failed or dead)
	 */
	Optional<ChunkClaim> claim(ChunkKey key, String workerId, Duration lease, Instant now);

	/**
	 * Extends the lease of a running attempt.
	 * @return the renewed claim, or empty if the claim no longer holds (the lease was taken over)
	 */
	Optional<ChunkClaim> renew(ChunkClaim claim, Duration lease, Instant now);

	/**
	 * Marks the chunk {@link ChunkStatus#SUCCEEDED} if {@code claim} still holds its lease. A late completion of a
	 * superseded attempt is recorded as rejected and changes nothing else.
	 * @return whether the completion counted
	 */
	boolean complete(ChunkClaim claim, ChunkOutcome outcome, Instant now);

	/**
	 * Marks the attempt {@link ChunkStatus#FAILED} with its error if {@code claim} still holds its lease.
	 * @return whether the failure was recorded
	 */
	boolean fail(ChunkClaim claim, ChunkError error, Instant now);

	/**
	 * Ends the lease of a running attempt whose lease expired before {@code now}: the attempt counts as failed with
	 * a lease-expiry error.
	 * @return whether this call expired it (false if the attempt renewed, finished or was expired by someone else)
	 */
	boolean expire(ChunkRecord running, Instant now);

	/**
	 * Moves a {@link ChunkStatus#FAILED} chunk back to {@link ChunkStatus#PENDING}, to be dispatched again as never
	 * dispatched, if it is still failed at the attempt {@code failed} shows. Its attempts so far and its last error
	 * are kept.
	 * @return whether this call moved it
	 */
	boolean retry(ChunkRecord failed, Instant now);

	/**
	 * Moves a {@link ChunkStatus#FAILED} chunk to {@link ChunkStatus#DEAD}, finished at {@code now}, if it is still
	 * failed at the attempt {@code failed} shows: no further attempt of the current execution will run it.
	 * @return whether this call moved it
	 */
	boolean bury(ChunkRecord failed, Instant now);

	/**
	 * Keeps every {@link ChunkStatus#PENDING} chunk of the instance from being claimed until
	 * {@link #resetUnfinished} releases it. Used when an operator stops or abandons an execution: requests already
	 * in the queue find their chunk held and are dropped, running attempts finish.
	 * @return number of chunks held
	 */
	long hold(long jobInstanceId);

	/**
	 * Gives every {@link ChunkStatus#FAILED}, {@link ChunkStatus#DEAD} and held chunk of the instance a fresh set of
	 * attempts: status {@code PENDING}, attempt 0, last error kept. Used when an operator restarts a failed or
	 * stopped execution; pending chunks are dispatched again as they are, running ones keep their lease.
	 * @return number of chunks reset
	 */
	long resetUnfinished(long jobInstanceId, long jobExecutionId);

	/**
	 * Records that the requests of these chunks were sent to the workers at {@code at}, whatever their status: the
	 * requests are sent before the sends are recorded, and a worker may claim a chunk in between, which must not make
	 * its send go unrecorded. Only a {@link ChunkStatus#PENDING} chunk's record is read ({@link #unclaimed}); a retry
	 * or a reset starts it again.
	 */
	void dispatched(long jobInstanceId, Collection<Integer> chunkIndexes, Instant at);

	/**
	 * The {@link ChunkStatus#PENDING} chunks that are not held and whose request was never sent or last sent before
	 * {@code dispatchedBefore}, least recently dispatched first (never dispatched ones first of all).
	 * @param limit most chunks returned
	 */
	List<UnclaimedChunk> unclaimed(long jobInstanceId, Instant dispatchedBefore, int limit);

	ChunkCounts count(long jobInstanceId);

	/** Sum of the item counts of the chunks that succeeded. */
	ItemCounts itemCounts(long jobInstanceId);

	/**
	 * One page of the instance's chunks in index order, optionally of one status only; empty past the last chunk,
	 * however large {@code page × size} is.
	 */
	List<ChunkRecord> page(long jobInstanceId, @Nullable ChunkStatus status, int page, int size);

	/**
	 * The instance's chunks of the given statuses in index order, read as the stream is consumed rather than held
	 * in memory. The stream holds a cursor of the store: close it, with try-with-resources. A store that fails while
	 * the stream is read throws from the stream's operations, as any method does.
	 */
	Stream<ChunkRecord> stream(long jobInstanceId, List<ChunkStatus> statuses);

	/**
	 * The status of each of the instance's chunks in index order, and nothing else of their entries, read as the
	 * stream is consumed rather than held in memory: what a map of 100,000 chunks needs, at a fraction of the cost
	 * of {@link #stream} (a store that indexes chunks by instance, status and index reads that index alone). The stream holds a cursor of the store: close it, with try-with-resources. A store that
	 * fails while the stream is read throws from the stream's operations, as any method does.
	 */
	Stream<ChunkStatusEntry> statuses(long jobInstanceId);

	/**
	 * The timings of up to {@code limit} of the instance's {@link ChunkStatus#SUCCEEDED} chunks whose index is below
	 * {@code belowIndex}, highest index first. Chunks are dispatched in index order, so from just above the highest
	 * index dispatched so far these are about the last to have succeeded; a caller that wants those passes a bound
	 * close to it (the number of chunks that are not pending, say) rather than the chunk count, because the read
	 * looks chunk indexes up downwards from the bound and costs less the fewer it has to pass. It reads at most
	 * {@code limit} chunks.
	 */
	List<ChunkTiming> succeededBelow(long jobInstanceId, int belowIndex, int limit);

}
