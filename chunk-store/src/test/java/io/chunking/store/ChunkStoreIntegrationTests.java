package io.chunking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.chunking.store.mongo.MongoChunkLedger;
import io.chunking.store.s3.S3PayloadStore;
import io.chunking.store.testing.StoreServers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The chunk store against a real S3-compatible server and a real Mongo-wire server, reached through the AWS SDK and
 * the MongoDB driver over sockets.
 */
class ChunkStoreIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(30);

	@TempDir
	static Path dataDir;

	static StoreServers servers;

	static S3Client s3;

	static MongoClient mongo;

	PayloadStore payloads;

	ChunkLedger ledger;

	MongoCollection<Document> collection;

	@BeforeAll
	static void startServers() throws Exception {
		servers = new StoreServers(dataDir);
		s3 = servers.s3Client();
		mongo = servers.mongoClient();
	}

	@AfterAll
	static void stopServers() throws Exception {
		mongo.close();
		s3.close();
		servers.close();
	}

	@BeforeEach
	void setUp() {
		this.payloads = new S3PayloadStore(s3, "chunks");
		this.payloads.initialize();
		this.collection = mongo.getDatabase("chunking").getCollection("chunks");
		this.collection.drop();
		this.ledger = new MongoChunkLedger(this.collection);
		this.ledger.initialize();
	}

	@Test
	void initializeIsIdempotent() {
		this.payloads.initialize();
		this.ledger.initialize();
		List<String> indexes = new ArrayList<>();
		this.collection.listIndexes().forEach((index) -> indexes.add(index.getString("name")));
		assertThat(indexes).contains("chunk_key", "chunk_status");
	}

	@Test
	void payloadRoundTripsAndPrefixDeleteRemovesOnlyThatPrefix() {
		this.payloads.put("job/1/payloads/0.ndjson", "a\nb\n".getBytes(StandardCharsets.UTF_8));
		this.payloads.put("job/1/payloads/1.ndjson", "c\n".getBytes(StandardCharsets.UTF_8));
		this.payloads.put("job/2/payloads/0.ndjson", "d\n".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(this.payloads.get("job/1/payloads/0.ndjson"), StandardCharsets.UTF_8)).isEqualTo("a\nb\n");

		this.payloads.deletePrefix("job/1/");

		assertThatExceptionOfType(PayloadNotFoundException.class)
			.isThrownBy(() -> this.payloads.get("job/1/payloads/1.ndjson"))
			.withMessage("No object 'job/1/payloads/1.ndjson' in bucket 'chunks'");
		assertThat(this.payloads.get("job/2/payloads/0.ndjson")).hasSize(2);
	}

	@Test
	void recordedChunksArePendingWithAttemptZeroAndCountedByStatus() {
		recordChunks(7, 5);

		ChunkCounts counts = this.ledger.count(7);
		assertThat(counts.total()).isEqualTo(5);
		assertThat(counts.get(ChunkStatus.PENDING)).isEqualTo(5);
		ChunkRecord first = this.ledger.find(new ChunkKey(7, 0)).orElseThrow();
		assertThat(first.status()).isEqualTo(ChunkStatus.PENDING);
		assertThat(first.attempt()).isZero();
		assertThat(first.itemCount()).isEqualTo(10);
		assertThat(first.payloadKey()).isEqualTo("demo/7/payloads/0.ndjson");
		assertThat(this.ledger.count(8).total()).isZero();
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
				claims.add(() -> this.ledger.claim(key, worker, LEASE, Instant.now()));
			}
			long winners = 0;
			for (Future<Optional<ChunkClaim>> claim : pool.invokeAll(claims)) {
				winners += claim.get().isPresent() ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		ChunkRecord running = this.ledger.find(key).orElseThrow();
		assertThat(running.status()).isEqualTo(ChunkStatus.RUNNING);
		assertThat(running.attempt()).isEqualTo(1);
		assertThat(running.workerId()).startsWith("worker-");
	}

	@Test
	void completionCountsOnlyForTheAttemptHoldingTheLease() {
		recordChunks(1, 1);
		ChunkKey key = new ChunkKey(1, 0);
		Instant start = Instant.now();
		ChunkClaim zombie = this.ledger.claim(key, "w1", LEASE, start).orElseThrow();
		Instant later = start.plus(LEASE).plusSeconds(1);
		ChunkRecord running = this.ledger.find(key).orElseThrow();
		assertThat(this.ledger.expire(running, later)).isTrue();
		assertThat(this.ledger.requeue(this.ledger.find(key).orElseThrow(), false, later)).isTrue();
		ChunkClaim current = this.ledger.claim(key, "w2", LEASE, later).orElseThrow();
		assertThat(current.attempt()).isEqualTo(2);

		assertThat(this.ledger.complete(zombie, new ChunkOutcome(new ItemCounts(10, 10, 0), "late"), later)).isFalse();
		assertThat(this.ledger.renew(zombie, LEASE, later)).isEmpty();
		assertThat(this.ledger.complete(current, new ChunkOutcome(new ItemCounts(10, 9, 1), "r-2"), later)).isTrue();

		ChunkRecord done = this.ledger.find(key).orElseThrow();
		assertThat(done.status()).isEqualTo(ChunkStatus.SUCCEEDED);
		assertThat(done.resultKey()).isEqualTo("r-2");
		assertThat(done.counts()).isEqualTo(new ItemCounts(10, 9, 1));
		assertThat(done.lastError().message()).contains("Lease of attempt 1 expired").contains("worker w1");
		List<?> rejected = this.collection.find(new Document("chunkIndex", 0)).first().getList("rejectedCompletions",
				Document.class);
		assertThat(rejected).hasSize(1);
		assertThat(this.ledger.itemCounts(1)).isEqualTo(new ItemCounts(10, 9, 1));
	}

	@Test
	void liveLeaseIsNotExpiredAndSucceededChunkIsNotClaimedAgain() {
		recordChunks(1, 1);
		ChunkKey key = new ChunkKey(1, 0);
		Instant now = Instant.now();
		ChunkClaim claim = this.ledger.claim(key, "w1", LEASE, now).orElseThrow();
		assertThat(this.ledger.expire(this.ledger.find(key).orElseThrow(), now.plusSeconds(1))).isFalse();
		assertThat(this.ledger.claim(key, "w2", LEASE, now)).isEmpty();
		assertThat(this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(10, 10, 0), null), now)).isTrue();
		assertThat(this.ledger.claim(key, "w2", LEASE, now.plusSeconds(60))).isEmpty();
	}

	@Test
	void failedAttemptKeepsItsErrorAndCanBeRequeuedOrBuried() {
		recordChunks(1, 2);
		Instant now = Instant.now();
		ChunkClaim a = this.ledger.claim(new ChunkKey(1, 0), "w1", LEASE, now).orElseThrow();
		ChunkClaim b = this.ledger.claim(new ChunkKey(1, 1), "w1", LEASE, now).orElseThrow();
		this.ledger.fail(a, ChunkError.of(new IllegalStateException("boom"), "w1", 1, now), now);
		this.ledger.fail(b, ChunkError.of(new RuntimeException(new java.io.IOException("disk")), "w1", 1, now), now);

		ChunkRecord failedA = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();
		assertThat(failedA.status()).isEqualTo(ChunkStatus.FAILED);
		assertThat(failedA.lastError().type()).isEqualTo("java.lang.IllegalStateException");
		assertThat(failedA.lastError().message()).isEqualTo("boom");
		assertThat(this.ledger.find(new ChunkKey(1, 1)).orElseThrow().lastError().message()).isEqualTo("java.io.IOException: disk");

		assertThat(this.ledger.requeue(failedA, true, now)).isTrue();
		assertThat(this.ledger.requeue(failedA, false, now)).as("already buried").isFalse();
		assertThat(this.ledger.count(1).get(ChunkStatus.DEAD)).isEqualTo(1);
		assertThat(this.ledger.page(1, ChunkStatus.FAILED, 0, 10)).extracting(ChunkRecord::chunkIndex).containsExactly(1);

		assertThat(this.ledger.resetUnfinished(1, 99)).isEqualTo(2);
		ChunkRecord reset = this.ledger.find(new ChunkKey(1, 0)).orElseThrow();
		assertThat(reset.status()).isEqualTo(ChunkStatus.PENDING);
		assertThat(reset.attempt()).isZero();
		assertThat(reset.jobExecutionId()).isEqualTo(99);
		assertThat(reset.lastError().message()).isEqualTo("boom");
	}

	@Test
	void heldChunksCannotBeClaimedUntilARestartReleasesThem() {
		recordChunks(5, 3);
		Instant now = Instant.now();
		ChunkClaim running = this.ledger.claim(new ChunkKey(5, 0), "w1", LEASE, now).orElseThrow();

		assertThat(this.ledger.hold(5)).as("only the two pending chunks").isEqualTo(2);
		assertThat(this.ledger.claim(new ChunkKey(5, 1), "w2", LEASE, now)).isEmpty();
		assertThat(this.ledger.complete(running, new ChunkOutcome(new ItemCounts(10, 10, 0), null), now))
			.as("a running attempt still finishes")
			.isTrue();
		assertThat(this.ledger.count(5).get(ChunkStatus.PENDING)).isEqualTo(2);

		assertThat(this.ledger.resetUnfinished(5, 42)).isEqualTo(2);
		ChunkClaim released = this.ledger.claim(new ChunkKey(5, 1), "w2", LEASE, now).orElseThrow();
		assertThat(released.attempt()).isEqualTo(1);
		assertThat(this.ledger.find(new ChunkKey(5, 2)).orElseThrow().jobExecutionId()).isEqualTo(42);
	}

	@Test
	void pagesAndStreamsInIndexOrder() {
		recordChunks(3, 25);
		assertThat(this.ledger.page(3, null, 1, 10)).extracting(ChunkRecord::chunkIndex)
			.containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
		assertThat(this.ledger.page(3, null, 2, 10)).extracting(ChunkRecord::chunkIndex)
			.containsExactly(20, 21, 22, 23, 24);
		assertThat(this.ledger.page(3, null, 1_073_741_824, 2)).as("page × size past Integer.MAX_VALUE").isEmpty();
		assertThat(this.ledger.page(3, null, Integer.MAX_VALUE, 1000)).isEmpty();
		List<Integer> streamed = new ArrayList<>();
		this.ledger.forEach(3, List.of(ChunkStatus.PENDING), (chunk) -> streamed.add(chunk.chunkIndex()));
		assertThat(streamed).hasSize(25).isSorted();
	}

	@Test
	void recordingChunksAgainLeavesTheRecordedOnesAsTheyAre() {
		recordChunks(4, 2);
		ChunkClaim claim = this.ledger.claim(new ChunkKey(4, 0), "w1", LEASE, Instant.now()).orElseThrow();

		recordChunks(4, 3);

		assertThat(this.ledger.count(4).total()).as("one document per chunk").isEqualTo(3);
		assertThat(this.ledger.find(new ChunkKey(4, 0)).orElseThrow().status()).isEqualTo(ChunkStatus.RUNNING);
		assertThat(this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(10, 10, 0), null), Instant.now()))
			.isTrue();
		assertThat(this.ledger.deleteAll(4)).isEqualTo(3);
	}

	@Test
	void aRepeatedCompletionOfTheSameAttemptStillCounts() {
		recordChunks(6, 1);
		Instant now = Instant.now();
		ChunkClaim claim = this.ledger.claim(new ChunkKey(6, 0), "w1", LEASE, now).orElseThrow();
		ChunkOutcome outcome = new ChunkOutcome(new ItemCounts(10, 10, 0), "r-1");
		assertThat(this.ledger.complete(claim, outcome, now)).isTrue();

		assertThat(this.ledger.complete(claim, outcome, now)).as("the retry of an unanswered completion").isTrue();
		assertThat(this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(10, 10, 0), "other"), now))
			.as("another outcome of the attempt")
			.isFalse();
	}

	@Test
	void unclaimedChunksAreThoseNotDispatchedSinceTheCutOffOldestFirst() {
		recordChunks(9, 5);
		Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
		this.ledger.dispatched(9, List.of(0, 1, 2), t0);
		this.ledger.dispatched(9, List.of(1), t0.plusSeconds(10));
		this.ledger.claim(new ChunkKey(9, 2), "w1", LEASE, Instant.now()).orElseThrow();

		List<UnclaimedChunk> unclaimed = this.ledger.unclaimed(9, t0.plusSeconds(5), 10);

		assertThat(unclaimed).extracting((chunk) -> chunk.key().chunkIndex())
			.as("never dispatched first, then the oldest dispatch; not the recently dispatched nor the claimed")
			.containsExactly(3, 4, 0);
		assertThat(unclaimed.get(2).dispatchedAt()).isEqualTo(t0);
		assertThat(unclaimed.get(2).dispatches()).isEqualTo(1);
		assertThat(this.ledger.unclaimed(9, t0.plusSeconds(11), 10)).extracting(UnclaimedChunk::dispatches)
			.containsExactly(0, 0, 1, 2);
		assertThat(this.ledger.unclaimed(9, t0.plusSeconds(11), 2)).hasSize(2);
		this.ledger.hold(9);
		assertThat(this.ledger.unclaimed(9, t0.plusSeconds(11), 10)).as("held chunks").isEmpty();
	}

	@Test
	void aPageBeyondTheLastChunkIsEmptyEvenWhenItsOffsetOverflowsAnInt() {
		recordChunks(10, 3);
		assertThat(this.ledger.page(10, null, 1_073_741_824, 2)).isEmpty();
		assertThat(this.ledger.page(10, null, 1, 2)).extracting(ChunkRecord::chunkIndex).containsExactly(2);
	}

	private void recordChunks(long instance, int count) {
		List<NewChunk> chunks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ChunkKey key = new ChunkKey(instance, i);
			chunks.add(new NewChunk(key, "demo", instance * 10, 10, ChunkKeys.payload("demo", key)));
		}
		this.ledger.record(chunks);
	}

}
