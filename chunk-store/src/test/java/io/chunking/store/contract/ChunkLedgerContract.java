package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chunking.store.ByteRange;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
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
 * What every {@link ChunkLedger} guarantees. Each backend's test subclasses it and supplies an empty ledger.
 */
public abstract class ChunkLedgerContract {

	protected static final Duration LEASE = Duration.ofSeconds(30);

	protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	protected static final ChunkOutcome TEN_DONE = new ChunkOutcome(new ItemCounts(10, 10, 0), null);

	protected ChunkLedger ledger;

	/** An initialized ledger without any chunk. */
	protected abstract ChunkLedger createLedger();

	@BeforeEach
	void createEmptyLedger() {
		this.ledger = createLedger();
	}

	@Test
	void initializeIsIdempotent() {
		recordChunks(1, 1);
		this.ledger.initialize();
		assertThat(this.ledger.count(1).total()).isEqualTo(1);
	}

	@Test
	void recordedChunksArePendingWithAttemptZeroAndCountedByStatus() {
		recordChunks(7, 5);

		assertThat(this.ledger.count(7).total()).isEqualTo(5);
		assertThat(this.ledger.count(7).get(ChunkStatus.PENDING)).isEqualTo(5);
		ChunkRecord first = this.ledger.find(new ChunkKey(7, 0)).orElseThrow();
		assertThat(first.status()).isEqualTo(ChunkStatus.PENDING);
		assertThat(first.attempt()).isZero();
		assertThat(first.jobName()).isEqualTo("demo");
		assertThat(first.jobExecutionId()).isEqualTo(70);
		assertThat(first.itemCount()).isEqualTo(10);
		assertThat(first.payloadKey()).isEqualTo("demo/7/payloads/0.ndjson");
		assertThat(first.payloadRange()).as("a payload of its own").isNull();
		assertThat(first.workerId()).isNull();
		assertThat(first.leaseExpiresAt()).isNull();
		assertThat(first.createdAt()).isNotNull();
		assertThat(first.counts()).isEqualTo(ItemCounts.ZERO);
		assertThat(first.lastError()).isNull();
		assertThat(this.ledger.count(8).total()).isZero();
		assertThat(this.ledger.find(new ChunkKey(7, 5))).isEmpty();
	}

	@Test
	void aChunkInAPayloadSegmentKeepsItsByteRangeThroughClaimAndCompletion() {
		String segment = ChunkKeys.payloadSegment("demo", 6, 0);
		this.ledger.record(List.of(new NewChunk(new ChunkKey(6, 0), "demo", 60, 10, segment, new ByteRange(0, 41)),
				new NewChunk(new ChunkKey(6, 1), "demo", 60, 10, segment, new ByteRange(3_000_000_041L, 57))));

		ChunkClaim claim = claim(6, 1, "w1", T0);
		this.ledger.complete(claim, TEN_DONE, T0);

		assertThat(claim.record().payloadKey()).isEqualTo("demo/6/payloads/segment-0.ndjson");
		assertThat(claim.record().payloadRange()).isEqualTo(new ByteRange(3_000_000_041L, 57));
		assertThat(find(6, 1).payloadRange()).isEqualTo(new ByteRange(3_000_000_041L, 57));
		assertThat(find(6, 0).payloadRange()).isEqualTo(new ByteRange(0, 41));
	}

	@Test
	void theCountedAttemptsSkippedItemsAreKeptWithTheirPositions() {
		recordChunks(4, 2);
		List<SkippedItem> skips = new ArrayList<>();
		for (int i = 0; i < ChunkOutcome.MAX_SKIPS + 5; i++) {
			skips.add(new SkippedItem("s3://in/orders.csv:" + (i + 2), "java.lang.NumberFormatException",
					"For input string: \"x" + i + "\""));
		}
		this.ledger.complete(claim(4, 0, "w1", T0), new ChunkOutcome(new ItemCounts(10, 0, 105), null, skips), T0);
		this.ledger.complete(claim(4, 1, "w1", T0), TEN_DONE, T0);

		ChunkRecord skipped = find(4, 0);
		assertThat(skipped.counts().skipped()).isEqualTo(105);
		assertThat(skipped.skips()).as("the first %d are kept", ChunkOutcome.MAX_SKIPS)
			.hasSize(ChunkOutcome.MAX_SKIPS)
			.startsWith(new SkippedItem("s3://in/orders.csv:2", "java.lang.NumberFormatException",
					"For input string: \"x0\""));
		assertThat(find(4, 1).skips()).isEmpty();
		assertThat(this.ledger.page(4, ChunkStatus.SUCCEEDED, 0, 10).get(0).skips()).hasSize(ChunkOutcome.MAX_SKIPS);
	}

	@Test
	void chunksRecordedAsDispatchedCountAsSentOnceAtThatTime() {
		Instant sent = T0.minusSeconds(60);
		this.ledger.record(List.of(new NewChunk(new ChunkKey(5, 0), "demo", 50, 10, "k0"),
				new NewChunk(new ChunkKey(5, 1), "demo", 50, 10, "k1")), sent);

		assertThat(this.ledger.unclaimed(5, T0, 0)).containsExactly(new UnclaimedChunk(new ChunkKey(5, 0), sent, 1),
				new UnclaimedChunk(new ChunkKey(5, 1), sent, 1));
		assertThat(this.ledger.unclaimed(5, sent, 0)).as("not sent before that time").isEmpty();
		assertThat(claim(5, 1, "w1", T0).attempt()).isEqualTo(1);
	}

	@Test
	void recordingChunksAgainLeavesTheRecordedOnesAsTheyAre() {
		recordChunks(4, 2);
		ChunkClaim claim = claim(4, 0, "w1", T0);

		recordChunks(4, 3);

		assertThat(this.ledger.count(4).total()).as("one entry per chunk").isEqualTo(3);
		assertThat(this.ledger.find(new ChunkKey(4, 0)).orElseThrow().status()).isEqualTo(ChunkStatus.RUNNING);
		assertThat(this.ledger.complete(claim, TEN_DONE, T0)).isTrue();
	}

	@Test
	void deleteAllRemovesTheChunksOfOneInstanceOnly() {
		recordChunks(4, 3);
		recordChunks(5, 1);

		assertThat(this.ledger.deleteAll(4)).isEqualTo(3);

		assertThat(this.ledger.count(4).total()).isZero();
		assertThat(this.ledger.count(5).total()).isEqualTo(1);
		assertThat(this.ledger.deleteAll(4)).isZero();
	}

	@Test
	void claimMakesThePendingChunkRunningForTheNextAttemptWithALease() {
		recordChunks(1, 1);

		ChunkClaim claim = claim(1, 0, "w1", T0);

		assertThat(claim.attempt()).isEqualTo(1);
		assertThat(claim.workerId()).isEqualTo("w1");
		assertThat(claim.leaseExpiresAt()).isEqualTo(T0.plus(LEASE));
		ChunkRecord running = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();
		assertThat(running).isEqualTo(claim.record());
		assertThat(running.status()).isEqualTo(ChunkStatus.RUNNING);
		assertThat(running.attempt()).isEqualTo(1);
		assertThat(running.workerId()).isEqualTo("w1");
		assertThat(running.leaseExpiresAt()).isEqualTo(T0.plus(LEASE));
		assertThat(running.startedAt()).isEqualTo(T0);
		assertThat(this.ledger.claim(new ChunkKey(1, 1), "w1", LEASE, T0)).as("no such chunk").isEmpty();
	}

	@Test
	void claimIsWonByExactlyOneOfManyConcurrentWorkers() throws Exception {
		recordChunks(1, 1);
		ChunkKey key = new ChunkKey(1, 0);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Optional<ChunkClaim>>> claims = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String worker = "worker-" + i;
				claims.add(() -> this.ledger.claim(key, worker, LEASE, T0));
			}
			List<String> winners = new ArrayList<>();
			for (Future<Optional<ChunkClaim>> claim : pool.invokeAll(claims)) {
				claim.get().ifPresent((won) -> winners.add(won.workerId()));
			}
			assertThat(winners).hasSize(1);
			ChunkRecord running = this.ledger.find(key).orElseThrow();
			assertThat(running.attempt()).isEqualTo(1);
			assertThat(running.workerId()).isEqualTo(winners.get(0));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRunningOrSucceededChunkIsNotClaimedAgain() {
		recordChunks(1, 1);
		ChunkClaim claim = claim(1, 0, "w1", T0);
		assertThat(this.ledger.claim(new ChunkKey(1, 0), "w2", LEASE, T0)).isEmpty();

		assertThat(this.ledger.complete(claim, TEN_DONE, T0)).isTrue();

		assertThat(this.ledger.claim(new ChunkKey(1, 0), "w2", LEASE, T0.plusSeconds(60))).isEmpty();
	}

	@Test
	void renewExtendsTheLeaseOfTheAttemptHoldingItOnly() {
		recordChunks(1, 1);
		ChunkClaim claim = claim(1, 0, "w1", T0);

		ChunkClaim renewed = this.ledger.renew(claim, LEASE, T0.plusSeconds(20)).orElseThrow();

		assertThat(renewed.attempt()).isEqualTo(1);
		assertThat(renewed.leaseExpiresAt()).isEqualTo(T0.plusSeconds(50));
		assertThat(this.ledger.find(new ChunkKey(1, 0)).orElseThrow().leaseExpiresAt())
			.isEqualTo(T0.plusSeconds(50));
		ChunkClaim otherWorker = new ChunkClaim(claim.key(), 1, "w2", claim.leaseExpiresAt(), claim.record());
		assertThat(this.ledger.renew(otherWorker, LEASE, T0.plusSeconds(20))).isEmpty();
	}

	@Test
	void completionCountsOnlyForTheAttemptHoldingTheLease() {
		recordChunks(1, 1);
		ChunkKey key = new ChunkKey(1, 0);
		ChunkClaim zombie = claim(1, 0, "w1", T0);
		Instant later = T0.plus(LEASE).plusSeconds(1);
		assertThat(this.ledger.expire(this.ledger.find(key).orElseThrow(), later)).isTrue();
		assertThat(this.ledger.retry(this.ledger.find(key).orElseThrow(), later)).isTrue();
		ChunkClaim current = claim(1, 0, "w2", later);
		assertThat(current.attempt()).isEqualTo(2);

		assertThat(this.ledger.complete(zombie, new ChunkOutcome(new ItemCounts(10, 10, 0), "late"), later)).isFalse();
		assertThat(this.ledger.renew(zombie, LEASE, later)).isEmpty();
		assertThat(this.ledger.fail(zombie, error("late", "w1", 1, later), later)).isFalse();
		assertThat(this.ledger.find(key).orElseThrow().status()).as("untouched by the zombie")
			.isEqualTo(ChunkStatus.RUNNING);
		assertThat(this.ledger.complete(current, new ChunkOutcome(new ItemCounts(10, 9, 1), "r-2"), later)).isTrue();

		ChunkRecord done = this.ledger.find(key).orElseThrow();
		assertThat(done.status()).isEqualTo(ChunkStatus.SUCCEEDED);
		assertThat(done.attempt()).isEqualTo(2);
		assertThat(done.workerId()).isEqualTo("w2");
		assertThat(done.resultKey()).isEqualTo("r-2");
		assertThat(done.counts()).isEqualTo(new ItemCounts(10, 9, 1));
		assertThat(done.leaseExpiresAt()).isNull();
		assertThat(done.finishedAt()).isEqualTo(later);
		assertThat(done.lastError().message()).contains("Lease of attempt 1 expired").contains("worker w1");
	}

	@Test
	void aRepeatedCompletionOfTheSameAttemptStillCountsButAnotherOutcomeDoesNot() {
		recordChunks(6, 1);
		ChunkClaim claim = claim(6, 0, "w1", T0);
		ChunkOutcome outcome = new ChunkOutcome(new ItemCounts(10, 10, 0), "r-1");
		assertThat(this.ledger.complete(claim, outcome, T0)).isTrue();

		assertThat(this.ledger.complete(claim, outcome, T0)).as("the retry of an unanswered completion").isTrue();
		assertThat(this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(10, 10, 0), "other"), T0))
			.as("another outcome of the attempt")
			.isFalse();
		assertThat(this.ledger.find(new ChunkKey(6, 0)).orElseThrow().resultKey()).isEqualTo("r-1");
	}

	@Test
	void failRecordsTheErrorOfTheAttemptHoldingTheLease() {
		recordChunks(1, 1);
		ChunkClaim claim = claim(1, 0, "w1", T0);

		assertThat(this.ledger.fail(claim, error("boom", "w1", 1, T0.plusSeconds(1)), T0.plusSeconds(1))).isTrue();

		ChunkRecord failed = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();
		assertThat(failed.status()).isEqualTo(ChunkStatus.FAILED);
		assertThat(failed.leaseExpiresAt()).isNull();
		assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(failed.lastError())
			.isEqualTo(new ChunkError("java.lang.IllegalStateException", "boom", "w1", 1, T0.plusSeconds(1)));
		assertThat(this.ledger.fail(claim, error("again", "w1", 1, T0), T0)).as("no longer running").isFalse();
	}

	@Test
	void aLiveLeaseIsNotExpired() {
		recordChunks(1, 1);
		claim(1, 0, "w1", T0);
		ChunkRecord running = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();

		assertThat(this.ledger.expire(running, T0.plus(LEASE))).as("expires at, not before").isFalse();

		assertThat(this.ledger.find(new ChunkKey(1, 0)).orElseThrow().status()).isEqualTo(ChunkStatus.RUNNING);
	}

	@Test
	void expireFailsTheAttemptWithALeaseExpiryErrorOnce() {
		recordChunks(1, 1);
		claim(1, 0, "w1", T0);
		ChunkRecord running = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();
		Instant later = T0.plus(LEASE).plusMillis(1);

		assertThat(this.ledger.expire(running, later)).isTrue();
		assertThat(this.ledger.expire(running, later)).as("already expired").isFalse();

		ChunkRecord failed = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();
		assertThat(failed.status()).isEqualTo(ChunkStatus.FAILED);
		assertThat(failed.finishedAt()).isEqualTo(later);
		assertThat(failed.lastError()).isEqualTo(new ChunkError("io.chunking.LeaseExpired",
				"Lease of attempt 1 expired at " + T0.plus(LEASE) + ": worker w1 stopped renewing it (process died,"
						+ " hung or lost its connection)",
				"w1", 1, later));
	}

	@Test
	void expireOfAnAttemptThatRenewedItsLeaseChangesNothing() {
		recordChunks(1, 1);
		ChunkClaim claim = claim(1, 0, "w1", T0);
		ChunkRecord seen = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();
		this.ledger.renew(claim, LEASE, T0.plusSeconds(25)).orElseThrow();

		assertThat(this.ledger.expire(seen, T0.plus(LEASE).plusSeconds(1))).isFalse();
	}

	@Test
	void retryMakesAFailedChunkPendingForAnotherAttempt() {
		recordChunks(1, 1);
		failedAttempt(1, 0, T0);

		assertThat(this.ledger.retry(find(1, 0), T0.plusSeconds(2))).isTrue();

		ChunkRecord pending = find(1, 0);
		assertThat(pending.status()).isEqualTo(ChunkStatus.PENDING);
		assertThat(pending.attempt()).as("attempts so far").isEqualTo(1);
		assertThat(pending.lastError().message()).isEqualTo("boom");
		assertThat(claim(1, 0, "w2", T0.plusSeconds(3)).attempt()).isEqualTo(2);
	}

	@Test
	void buryMakesAFailedChunkDead() {
		recordChunks(1, 1);
		failedAttempt(1, 0, T0);
		ChunkRecord failed = find(1, 0);

		assertThat(this.ledger.bury(failed, T0.plusSeconds(2))).isTrue();
		assertThat(this.ledger.retry(failed, T0.plusSeconds(2))).as("already buried").isFalse();

		ChunkRecord dead = find(1, 0);
		assertThat(dead.status()).isEqualTo(ChunkStatus.DEAD);
		assertThat(dead.finishedAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(this.ledger.count(1).get(ChunkStatus.DEAD)).isEqualTo(1);
		assertThat(this.ledger.count(1).terminal()).isEqualTo(1);
		assertThat(this.ledger.claim(new ChunkKey(1, 0), "w2", LEASE, T0.plusSeconds(3))).isEmpty();
	}

	@Test
	void retryOrBuryOfAChunkSeenAtAnotherAttemptChangesNothing() {
		recordChunks(1, 1);
		ChunkRecord pending = find(1, 0);
		failedAttempt(1, 0, T0);

		assertThat(this.ledger.bury(pending, T0)).as("seen at attempt 0").isFalse();
		assertThat(this.ledger.retry(pending, T0)).as("seen at attempt 0").isFalse();

		assertThat(find(1, 0).status()).isEqualTo(ChunkStatus.FAILED);
	}

	@Test
	void heldChunksCannotBeClaimedUntilARestartReleasesThem() {
		recordChunks(5, 3);
		ChunkClaim running = claim(5, 0, "w1", T0);

		assertThat(this.ledger.hold(5)).as("only the two pending chunks").isEqualTo(2);
		assertThat(this.ledger.hold(5)).as("already held").isZero();
		assertThat(this.ledger.claim(new ChunkKey(5, 1), "w2", LEASE, T0)).isEmpty();
		assertThat(this.ledger.complete(running, TEN_DONE, T0)).as("a running attempt still finishes").isTrue();
		assertThat(this.ledger.count(5).get(ChunkStatus.PENDING)).isEqualTo(2);

		assertThat(this.ledger.resetUnfinished(5, 42)).isEqualTo(2);
		assertThat(claim(5, 1, "w2", T0).attempt()).isEqualTo(1);
		assertThat(find(5, 2).jobExecutionId()).isEqualTo(42);
		assertThat(find(5, 0).status()).as("succeeded chunks are kept").isEqualTo(ChunkStatus.SUCCEEDED);
	}

	@Test
	void resetUnfinishedGivesFailedAndDeadChunksFreshAttemptsKeepingTheirLastError() {
		recordChunks(1, 4);
		failedAttempt(1, 0, T0);
		failedAttempt(1, 1, T0);
		this.ledger.bury(find(1, 1), T0);
		claim(1, 2, "w1", T0);

		assertThat(this.ledger.resetUnfinished(1, 99)).isEqualTo(2);

		for (int index : List.of(0, 1)) {
			ChunkRecord reset = find(1, index);
			assertThat(reset.status()).isEqualTo(ChunkStatus.PENDING);
			assertThat(reset.attempt()).isZero();
			assertThat(reset.jobExecutionId()).isEqualTo(99);
			assertThat(reset.finishedAt()).isNull();
			assertThat(reset.lastError().message()).isEqualTo("boom");
		}
		assertThat(find(1, 2).status()).as("running keeps its lease").isEqualTo(ChunkStatus.RUNNING);
		assertThat(find(1, 3).jobExecutionId()).as("pending is dispatched as it is").isEqualTo(10);
	}

	@Test
	void unclaimedChunksAreThoseNotDispatchedSinceTheCutOffOldestFirst() {
		recordChunks(9, 5);
		this.ledger.dispatched(9, List.of(0, 1, 2), T0);
		this.ledger.dispatched(9, List.of(1), T0.plusSeconds(10));
		claim(9, 2, "w1", T0.plusSeconds(1));

		List<UnclaimedChunk> unclaimed = this.ledger.unclaimed(9, T0.plusSeconds(5), 10);

		assertThat(unclaimed).as("never dispatched first, then the oldest dispatch; not the recent nor the claimed")
			.containsExactly(new UnclaimedChunk(new ChunkKey(9, 3), null, 0),
					new UnclaimedChunk(new ChunkKey(9, 4), null, 0), new UnclaimedChunk(new ChunkKey(9, 0), T0, 1));
		assertThat(this.ledger.unclaimed(9, T0.plusSeconds(11), 10)).extracting(UnclaimedChunk::dispatches)
			.containsExactly(0, 0, 1, 2);
		assertThat(this.ledger.unclaimed(9, T0.plusSeconds(11), 2)).hasSize(2);
		this.ledger.hold(9);
		assertThat(this.ledger.unclaimed(9, T0.plusSeconds(11), 10)).as("held chunks").isEmpty();
	}

	@Test
	void aRetryStartsTheDispatchCountAgainWhateverWasRecordedWhileTheChunkWasNotPending() {
		recordChunks(9, 2);
		failedAttempt(9, 0, T0);
		this.ledger.dispatched(9, List.of(0, 1), T0);
		this.ledger.dispatched(9, List.of(), T0);
		assertThat(this.ledger.unclaimed(9, T0.plusSeconds(1), 10))
			.containsExactly(new UnclaimedChunk(new ChunkKey(9, 1), T0, 1));

		this.ledger.retry(find(9, 0), T0);

		assertThat(this.ledger.unclaimed(9, T0.plusSeconds(1), 10)).containsExactly(
				new UnclaimedChunk(new ChunkKey(9, 0), null, 0), new UnclaimedChunk(new ChunkKey(9, 1), T0, 1));
	}

	@Test
	void itemCountsSumTheSucceededChunksOnly() {
		recordChunks(2, 3);
		assertThat(this.ledger.itemCounts(2)).isEqualTo(ItemCounts.ZERO);
		this.ledger.complete(claim(2, 0, "w1", T0), new ChunkOutcome(new ItemCounts(10, 8, 2), null), T0);
		this.ledger.complete(claim(2, 1, "w1", T0), new ChunkOutcome(new ItemCounts(10, 10, 0), "r"), T0);
		claim(2, 2, "w1", T0);

		assertThat(this.ledger.itemCounts(2)).isEqualTo(new ItemCounts(20, 18, 2));
		assertThat(this.ledger.count(2).get(ChunkStatus.SUCCEEDED)).isEqualTo(2);
		assertThat(this.ledger.count(2).get(ChunkStatus.RUNNING)).isEqualTo(1);
		assertThat(this.ledger.count(2).terminal()).isEqualTo(2);
	}

	@Test
	void pagesAreInIndexOrderOptionallyOfOneStatus() {
		recordChunks(3, 25);
		claim(3, 12, "w1", T0);
		assertThat(this.ledger.page(3, null, 1, 10)).extracting(ChunkRecord::chunkIndex)
			.containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
		assertThat(this.ledger.page(3, null, 2, 10)).extracting(ChunkRecord::chunkIndex)
			.containsExactly(20, 21, 22, 23, 24);
		assertThat(this.ledger.page(3, ChunkStatus.PENDING, 1, 10)).extracting(ChunkRecord::chunkIndex)
			.containsExactly(10, 11, 13, 14, 15, 16, 17, 18, 19, 20);
		assertThat(this.ledger.page(3, ChunkStatus.RUNNING, 0, 10)).extracting(ChunkRecord::chunkIndex)
			.containsExactly(12);
	}

	@Test
	void aPageBeyondTheLastChunkIsEmptyEvenWhenItsOffsetOverflowsAnInt() {
		recordChunks(10, 3);
		assertThat(this.ledger.page(10, null, 1_073_741_824, 2)).isEmpty();
		assertThat(this.ledger.page(10, null, Integer.MAX_VALUE, 1000)).isEmpty();
		assertThat(this.ledger.page(10, null, 1, 2)).extracting(ChunkRecord::chunkIndex).containsExactly(2);
	}

	@Test
	void aNegativePageOrAnEmptyPageSizeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.page(1, null, -1, 10))
			.withMessage("page must be >= 0 and size >= 1, were -1 and 10");
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.page(1, null, 0, 0))
			.withMessage("page must be >= 0 and size >= 1, were 0 and 0");
	}

	@Test
	void iterationVisitsTheChunksOfTheGivenStatusesInIndexOrder() {
		recordChunks(3, 1500);
		recordChunks(4, 2);
		claim(3, 7, "w1", T0);
		this.ledger.complete(claim(3, 8, "w1", T0), TEN_DONE, T0);

		List<Integer> pending;
		try (Stream<ChunkRecord> chunks = this.ledger.stream(3, List.of(ChunkStatus.PENDING))) {
			pending = chunks.map(ChunkRecord::chunkIndex).toList();
		}
		List<Integer> started;
		try (Stream<ChunkRecord> chunks = this.ledger.stream(3, List.of(ChunkStatus.RUNNING, ChunkStatus.SUCCEEDED))) {
			started = chunks.map(ChunkRecord::chunkIndex).toList();
		}

		assertThat(pending).hasSize(1498).isSorted().doesNotContain(7, 8);
		assertThat(started).containsExactly(7, 8);
	}

	@Test
	void iterationOfManyChunksFindsThemAllWhateverTheirNumbering() {
		List<NewChunk> chunks = new ArrayList<>();
		for (int index : IntStream.concat(IntStream.range(0, 2500).filter((i) -> i != 1200), IntStream.of(9000, 7000))
			.toArray()) {
			ChunkKey key = new ChunkKey(5, index);
			chunks.add(new NewChunk(key, "demo", 50, 10, ChunkKeys.payload("demo", key)));
		}
		this.ledger.record(chunks);
		this.ledger.complete(claim(5, 2400, "w1", T0), TEN_DONE, T0);

		List<Integer> pending;
		try (Stream<ChunkRecord> all = this.ledger.stream(5, List.of(ChunkStatus.PENDING))) {
			pending = all.map(ChunkRecord::chunkIndex).toList();
		}
		List<Integer> any;
		try (Stream<ChunkRecord> all = this.ledger.stream(5, List.of(ChunkStatus.values()))) {
			any = all.map(ChunkRecord::chunkIndex).toList();
		}

		assertThat(pending).hasSize(2500).isSorted().doesNotContain(1200, 2400).contains(0, 2499, 7000, 9000);
		assertThat(any).hasSize(2501).isSorted().contains(2400);
	}

	@Test
	void statusesAreReadForEveryChunkOfTheInstanceInIndexOrder() {
		recordChunks(3, 2500);
		failedAttempt(3, 9, T0);
		failedAttempt(3, 2499, T0);
		this.ledger.bury(find(3, 2499), T0);
		this.ledger.complete(claim(3, 8, "w1", T0), TEN_DONE, T0);
		claim(3, 7, "w1", T0);
		recordChunks(4, 2);

		List<ChunkStatusEntry> statuses;
		try (Stream<ChunkStatusEntry> read = this.ledger.statuses(3)) {
			statuses = read.toList();
		}

		assertThat(statuses).hasSize(2500);
		assertThat(statuses).extracting(ChunkStatusEntry::chunkIndex).isSorted().startsWith(0, 1).endsWith(2499);
		assertThat(statuses.get(7)).isEqualTo(new ChunkStatusEntry(7, ChunkStatus.RUNNING));
		assertThat(statuses.get(8)).isEqualTo(new ChunkStatusEntry(8, ChunkStatus.SUCCEEDED));
		assertThat(statuses.get(9)).isEqualTo(new ChunkStatusEntry(9, ChunkStatus.FAILED));
		assertThat(statuses.get(2499)).isEqualTo(new ChunkStatusEntry(2499, ChunkStatus.DEAD));
		assertThat(statuses).filteredOn((entry) -> entry.status() == ChunkStatus.PENDING).hasSize(2496);
		try (Stream<ChunkStatusEntry> few = this.ledger.statuses(4)) {
			assertThat(few).containsExactly(new ChunkStatusEntry(0, ChunkStatus.PENDING),
					new ChunkStatusEntry(1, ChunkStatus.PENDING));
		}
		try (Stream<ChunkStatusEntry> none = this.ledger.statuses(99)) {
			assertThat(none).isEmpty();
		}
	}

	@Test
	void statusesOfChunksNumberedWithGapsAreReadToo() {
		List<NewChunk> chunks = new ArrayList<>();
		for (int index : IntStream.concat(IntStream.range(0, 1500).filter((i) -> i != 700), IntStream.of(4000))
			.toArray()) {
			ChunkKey key = new ChunkKey(5, index);
			chunks.add(new NewChunk(key, "demo", 50, 10, ChunkKeys.payload("demo", key)));
		}
		this.ledger.record(chunks);

		try (Stream<ChunkStatusEntry> read = this.ledger.statuses(5)) {
			assertThat(read.map(ChunkStatusEntry::chunkIndex).toList()).hasSize(1500)
				.isSorted()
				.doesNotContain(700)
				.contains(1499, 4000);
		}
	}

	@Test
	void succeededTimingsAreTheHighestSucceededIndexesBelowTheBoundHighestFirst() {
		recordChunks(6, 2600);
		for (int index : List.of(3, 10, 1500, 2400, 2500)) {
			this.ledger.complete(claim(6, index, "w1", T0.plusSeconds(index)), TEN_DONE,
					T0.plusSeconds(index).plusMillis(1500));
		}
		claim(6, 11, "w1", T0);
		recordChunks(7, 1);
		this.ledger.complete(claim(7, 0, "w1", T0), TEN_DONE, T0);

		List<ChunkTiming> timings = this.ledger.succeededBelow(6, 2500, 3);

		assertThat(timings).extracting(ChunkTiming::chunkIndex).containsExactly(2400, 1500, 10);
		assertThat(timings.get(0)).isEqualTo(new ChunkTiming(2400, T0.plusSeconds(2400),
				T0.plusSeconds(2400).plusMillis(1500)));
		assertThat(timings.get(0).duration()).isEqualTo(Duration.ofMillis(1500));
		assertThat(this.ledger.succeededBelow(6, 2600, 200)).extracting(ChunkTiming::chunkIndex)
			.containsExactly(2500, 2400, 1500, 10, 3);
		assertThat(this.ledger.succeededBelow(6, 4, 200)).extracting(ChunkTiming::chunkIndex).containsExactly(3);
		assertThat(this.ledger.succeededBelow(6, 0, 200)).isEmpty();
	}

	protected void recordChunks(long instance, int count) {
		List<NewChunk> chunks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ChunkKey key = new ChunkKey(instance, i);
			chunks.add(new NewChunk(key, "demo", instance * 10, 10, ChunkKeys.payload("demo", key)));
		}
		this.ledger.record(chunks);
	}

	protected ChunkClaim claim(long instance, int index, String workerId, Instant now) {
		return this.ledger.claim(new ChunkKey(instance, index), workerId, LEASE, now).orElseThrow();
	}

	private ChunkRecord find(long instance, int index) {
		return this.ledger.find(new ChunkKey(instance, index)).orElseThrow();
	}

	private void failedAttempt(long instance, int index, Instant now) {
		ChunkClaim claim = claim(instance, index, "w1", now);
		assertThat(this.ledger.fail(claim, error("boom", "w1", claim.attempt(), now), now)).isTrue();
	}

	private static ChunkError error(String message, String workerId, int attempt, Instant at) {
		return ChunkError.of(new IllegalStateException(message), workerId, attempt, at);
	}

}
