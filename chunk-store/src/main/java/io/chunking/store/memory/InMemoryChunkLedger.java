package io.chunking.store.memory;

import static io.chunking.store.memory.Millis.millis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.chunking.store.ByteRange;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ChunkStatusEntry;
import io.chunking.store.ChunkTiming;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.SkippedItem;
import io.chunking.store.UnclaimedChunk;

/**
 * {@link ChunkLedger} held in memory, for fast tests of the code that drives the ledger. Every transition checks
 * exactly what the filter of {@link io.chunking.store.mongo.MongoChunkLedger} checks, under one lock, so a race has
 * the same winner as against MongoDB. Times come from the {@code now} arguments and are kept to the millisecond, as
 * MongoDB keeps them; the only clock is the one that stamps {@code createdAt} in {@link #record}, whose signature
 * has no time.
 */
public class InMemoryChunkLedger implements ChunkLedger {

	private final Map<ChunkKey, Chunk> chunks = new TreeMap<>(
			Comparator.comparingLong(ChunkKey::jobInstanceId).thenComparingInt(ChunkKey::chunkIndex));

	private final Clock clock;

	public InMemoryChunkLedger() {
		this(Clock.systemUTC());
	}

	/** @param clock stamps the {@code createdAt} of recorded chunks */
	public InMemoryChunkLedger(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void initialize() {
		// Nothing to create.
	}

	@Override
	public synchronized void record(List<NewChunk> newChunks, @Nullable Instant dispatchedAt) {
		Instant now = millis(this.clock.instant());
		for (NewChunk chunk : newChunks) {
			Chunk recorded = new Chunk(chunk, now);
			if (dispatchedAt != null) {
				recorded.dispatchedAt = millis(dispatchedAt);
				recorded.dispatches = 1;
			}
			this.chunks.putIfAbsent(chunk.key(), recorded);
		}
	}

	@Override
	public synchronized long deleteAll(long jobInstanceId) {
		List<Chunk> removed = select(jobInstanceId, (chunk) -> true);
		removed.forEach((chunk) -> this.chunks.remove(chunk.key));
		return removed.size();
	}

	@Override
	public synchronized Optional<ChunkRecord> find(ChunkKey key) {
		return Optional.ofNullable(this.chunks.get(key)).map(Chunk::toRecord);
	}

	@Override
	public synchronized Optional<ChunkClaim> claim(ChunkKey key, String workerId, Duration lease, Instant now) {
		Chunk chunk = this.chunks.get(key);
		if (chunk == null || chunk.status != ChunkStatus.PENDING || chunk.held) {
			return Optional.empty();
		}
		Instant expiry = now.plus(lease);
		chunk.status = ChunkStatus.RUNNING;
		chunk.attempt++;
		chunk.workerId = workerId;
		chunk.leaseExpiresAt = millis(expiry);
		chunk.startedAt = millis(now);
		chunk.finishedAt = null;
		return Optional.of(new ChunkClaim(key, chunk.attempt, workerId, expiry, chunk.toRecord()));
	}

	@Override
	public synchronized Optional<ChunkClaim> renew(ChunkClaim claim, Duration lease, Instant now) {
		Chunk chunk = held(claim);
		if (chunk == null) {
			return Optional.empty();
		}
		Instant expiry = now.plus(lease);
		chunk.leaseExpiresAt = millis(expiry);
		return Optional.of(new ChunkClaim(claim.key(), claim.attempt(), claim.workerId(), expiry, chunk.toRecord()));
	}

	@Override
	public synchronized boolean complete(ChunkClaim claim, ChunkOutcome outcome, Instant now) {
		Chunk chunk = held(claim);
		if (chunk != null) {
			chunk.status = ChunkStatus.SUCCEEDED;
			chunk.leaseExpiresAt = null;
			chunk.finishedAt = millis(now);
			chunk.counts = outcome.counts();
			chunk.resultKey = outcome.resultKey();
			chunk.skips = outcome.skips();
			return true;
		}
		Chunk current = this.chunks.get(claim.key());
		if (current == null) {
			return false;
		}
		if (current.status == ChunkStatus.SUCCEEDED && current.attempt == claim.attempt()
				&& claim.workerId().equals(current.workerId)
				&& java.util.Objects.equals(outcome.resultKey(), current.resultKey)) {
			// A retry of this very completion.
			return true;
		}
		current.rejectedCompletions = Chunk.lastOf(current.rejectedCompletions,
				claim.attempt() + " by " + claim.workerId() + " at " + millis(now));
		return false;
	}

	@Override
	public synchronized boolean fail(ChunkClaim claim, ChunkError error, Instant now) {
		Chunk chunk = held(claim);
		if (chunk == null) {
			return false;
		}
		chunk.failed(error, now);
		return true;
	}

	@Override
	public synchronized boolean expire(ChunkRecord running, Instant now) {
		Chunk chunk = this.chunks.get(running.key());
		if (chunk == null || chunk.status != ChunkStatus.RUNNING || chunk.attempt != running.attempt()
				|| chunk.leaseExpiresAt == null || !chunk.leaseExpiresAt.isBefore(millis(now))) {
			return false;
		}
		chunk.failed(new ChunkError("io.chunking.LeaseExpired",
				"Lease of attempt " + running.attempt() + " expired at " + running.leaseExpiresAt() + ": worker "
						+ running.workerId() + " stopped renewing it (process died, hung or lost its connection)",
				running.workerId(), running.attempt(), now), now);
		return true;
	}

	@Override
	public synchronized boolean retry(ChunkRecord failed, Instant now) {
		Chunk chunk = stillFailed(failed);
		if (chunk == null) {
			return false;
		}
		chunk.status = ChunkStatus.PENDING;
		chunk.dispatchedAt = null;
		chunk.dispatches = 0;
		return true;
	}

	@Override
	public synchronized boolean bury(ChunkRecord failed, Instant now) {
		Chunk chunk = stillFailed(failed);
		if (chunk == null) {
			return false;
		}
		chunk.status = ChunkStatus.DEAD;
		chunk.finishedAt = millis(now);
		return true;
	}

	/** The chunk if it is still failed at the attempt {@code failed} shows. */
	private Chunk stillFailed(ChunkRecord failed) {
		Chunk chunk = this.chunks.get(failed.key());
		return (chunk != null && chunk.status == ChunkStatus.FAILED && chunk.attempt == failed.attempt()) ? chunk
				: null;
	}

	@Override
	public synchronized long hold(long jobInstanceId) {
		List<Chunk> pending = select(jobInstanceId, (chunk) -> chunk.status == ChunkStatus.PENDING && !chunk.held);
		pending.forEach((chunk) -> chunk.held = true);
		return pending.size();
	}

	@Override
	public synchronized long resetUnfinished(long jobInstanceId, long jobExecutionId) {
		List<Chunk> unfinished = select(jobInstanceId, (chunk) -> chunk.held || chunk.status == ChunkStatus.FAILED
				|| chunk.status == ChunkStatus.DEAD);
		for (Chunk chunk : unfinished) {
			chunk.status = ChunkStatus.PENDING;
			chunk.attempt = 0;
			chunk.jobExecutionId = jobExecutionId;
			chunk.leaseExpiresAt = null;
			chunk.finishedAt = null;
			chunk.held = false;
			chunk.dispatchedAt = null;
			chunk.dispatches = 0;
		}
		return unfinished.size();
	}

	@Override
	public synchronized void dispatched(long jobInstanceId, Collection<Integer> chunkIndexes, Instant at) {
		for (Chunk chunk : select(jobInstanceId, (chunk) -> chunkIndexes.contains(chunk.key.chunkIndex()))) {
			chunk.dispatchedAt = millis(at);
			chunk.dispatches++;
		}
	}

	@Override
	public synchronized List<UnclaimedChunk> unclaimed(long jobInstanceId, Instant dispatchedBefore, int limit) {
		Instant before = millis(dispatchedBefore);
		return select(jobInstanceId, (chunk) -> chunk.status == ChunkStatus.PENDING && !chunk.held
				&& (chunk.dispatchedAt == null || chunk.dispatchedAt.isBefore(before)))
			.stream()
			.sorted(Comparator.comparing((Chunk chunk) -> chunk.dispatchedAt,
					Comparator.nullsFirst(Comparator.naturalOrder())))
			// Mongo's limit(0) means no limit.
			.limit((limit == 0) ? Long.MAX_VALUE : Math.abs(limit))
			.map((chunk) -> new UnclaimedChunk(chunk.key, chunk.dispatchedAt, chunk.dispatches))
			.toList();
	}

	@Override
	public synchronized ChunkCounts count(long jobInstanceId) {
		Map<ChunkStatus, Long> counts = new EnumMap<>(ChunkStatus.class);
		select(jobInstanceId, (chunk) -> true).forEach((chunk) -> counts.merge(chunk.status, 1L, Long::sum));
		return new ChunkCounts(counts);
	}

	@Override
	public synchronized ItemCounts itemCounts(long jobInstanceId) {
		return select(jobInstanceId, (chunk) -> chunk.status == ChunkStatus.SUCCEEDED).stream()
			.map((chunk) -> chunk.counts)
			.reduce(ItemCounts.ZERO, ItemCounts::plus);
	}

	@Override
	public synchronized List<ChunkRecord> page(long jobInstanceId, ChunkStatus status, int page, int size) {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException("page must be >= 0 and size >= 1, were " + page + " and " + size);
		}
		return select(jobInstanceId, (chunk) -> status == null || chunk.status == status).stream()
			.skip((long) page * size)
			.limit(size)
			.map(Chunk::toRecord)
			.toList();
	}

	/** A snapshot of the chunks taken at the call: later changes are not seen by the stream. */
	@Override
	public synchronized Stream<ChunkRecord> stream(long jobInstanceId, List<ChunkStatus> statuses) {
		return select(jobInstanceId, (chunk) -> statuses.contains(chunk.status)).stream()
			.map(Chunk::toRecord)
			.toList()
			.stream();
	}

	/** A snapshot taken at the call, as {@link #stream}'s. */
	@Override
	public synchronized Stream<ChunkStatusEntry> statuses(long jobInstanceId) {
		return select(jobInstanceId, (chunk) -> true).stream()
			.map((chunk) -> new ChunkStatusEntry(chunk.key.chunkIndex(), chunk.status))
			.toList()
			.stream();
	}

	@Override
	public synchronized List<ChunkTiming> succeededBelow(long jobInstanceId, int belowIndex, int limit) {
		List<Chunk> succeeded = select(jobInstanceId,
				(chunk) -> chunk.status == ChunkStatus.SUCCEEDED && chunk.key.chunkIndex() < belowIndex);
		List<ChunkTiming> timings = new ArrayList<>();
		for (int i = succeeded.size() - 1; i >= 0 && timings.size() < limit; i--) {
			Chunk chunk = succeeded.get(i);
			timings.add(new ChunkTiming(chunk.key.chunkIndex(), chunk.startedAt, chunk.finishedAt));
		}
		return timings;
	}

	/** The instance's chunks that match, in index order; callers hold the lock. */
	private List<Chunk> select(long jobInstanceId, Predicate<Chunk> filter) {
		List<Chunk> selected = new ArrayList<>();
		for (Chunk chunk : this.chunks.values()) {
			if (chunk.key.jobInstanceId() == jobInstanceId && filter.test(chunk)) {
				selected.add(chunk);
			}
		}
		return selected;
	}

	/** The chunk if {@code claim} still holds it: running, at the claim's attempt, by the claim's worker. */
	private Chunk held(ChunkClaim claim) {
		Chunk chunk = this.chunks.get(claim.key());
		return (chunk != null && chunk.status == ChunkStatus.RUNNING && chunk.attempt == claim.attempt()
				&& claim.workerId().equals(chunk.workerId)) ? chunk : null;
	}

	/** One chunk's entry: the fields of the Mongo document, mutated only under the ledger's lock. */
	private static final class Chunk {

		/** Number of past errors and rejected completions kept, as the Mongo ledger keeps them. */
		static final int HISTORY = 10;

		final ChunkKey key;

		final String jobName;

		final int itemCount;

		final String payloadKey;

		final ByteRange payloadRange;

		final Instant createdAt;

		long jobExecutionId;

		ChunkStatus status = ChunkStatus.PENDING;

		int attempt;

		String workerId;

		Instant leaseExpiresAt;

		Instant startedAt;

		Instant finishedAt;

		ItemCounts counts = ItemCounts.ZERO;

		String resultKey;

		ChunkError lastError;

		List<SkippedItem> skips = List.of();

		List<ChunkError> errors = List.of();

		List<String> rejectedCompletions = List.of();

		boolean held;

		Instant dispatchedAt;

		int dispatches;

		Chunk(NewChunk chunk, Instant createdAt) {
			this.key = chunk.key();
			this.jobName = chunk.jobName();
			this.jobExecutionId = chunk.jobExecutionId();
			this.itemCount = chunk.itemCount();
			this.payloadKey = chunk.payloadKey();
			this.payloadRange = chunk.payloadRange();
			this.createdAt = createdAt;
		}

		void failed(ChunkError error, Instant now) {
			ChunkError kept = new ChunkError(error.type(), error.message(), error.workerId(), error.attempt(),
					millis(error.at()));
			this.status = ChunkStatus.FAILED;
			this.leaseExpiresAt = null;
			this.finishedAt = millis(now);
			this.lastError = kept;
			this.errors = lastOf(this.errors, kept);
		}

		static <T> List<T> lastOf(List<T> history, T added) {
			List<T> longer = new ArrayList<>(history);
			longer.add(added);
			return List.copyOf(longer.subList(Math.max(0, longer.size() - HISTORY), longer.size()));
		}

		ChunkRecord toRecord() {
			return new ChunkRecord(this.key, this.jobName, this.jobExecutionId, this.itemCount, this.payloadKey,
					this.payloadRange, this.status, this.attempt, this.workerId, this.leaseExpiresAt, this.createdAt, this.startedAt,
					this.finishedAt, this.counts, this.resultKey, this.lastError, this.skips);
		}

	}

}
