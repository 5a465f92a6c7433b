package io.chunking.worker.chunk;

import io.chunking.support.scheduling.PeriodicTasks;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.ResultAggregation;
import io.chunking.protocol.ChunkRequest;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.protocol.payload.ItemCodec;
import io.chunking.store.ByteRange;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.NewChunk;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;
import io.chunking.store.mongo.MongoChunkLedger;
import io.chunking.store.mongo.MongoRunStore;
import io.chunking.store.s3.S3PayloadStore;
import io.chunking.store.testing.StoreServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One worker handling chunk requests against a real S3-compatible server and Mongo-wire server.
 */
class ChunkWorkerIntegrationTests {

	@TempDir
	static Path dataDir;

	static StoreServers servers;

	static S3Client s3;

	static MongoClient mongo;

	static PeriodicTasks tasks;

	ChunkLedger ledger;

	PayloadStore payloads;

	RunStore runs;

	LeaseKeeper leases;

	@BeforeAll
	static void startServers() throws Exception {
		servers = new StoreServers(dataDir);
		s3 = servers.s3Client();
		mongo = servers.mongoClient();
		tasks = new PeriodicTasks("test", 1);
	}

	@AfterAll
	static void stopServers() throws Exception {
		tasks.close();
		mongo.close();
		s3.close();
		servers.close();
	}

	@BeforeEach
	void setUp() {
		MongoDatabase database = mongo.getDatabase("worker-test");
		database.drop();
		this.ledger = new MongoChunkLedger(database.getCollection("chunks"));
		this.ledger.initialize();
		this.runs = new MongoRunStore(database.getCollection("runs"));
		this.payloads = new S3PayloadStore(s3, "worker-test");
		this.payloads.initialize();
		this.leases = new LeaseKeeper(this.ledger, WorkerSettings.DEFAULTS, tasks);
	}

	/** Sums the lengths of the items; items containing "bad" throw, which the job skips up to 5 times. */
	static ChunkedJobDefinition<String, Integer> lengths() {
		return ChunkedJob.named("lengths")
			.items(String.class, (args) -> Stream.empty())
			.processor((String item) -> {
				if (item.contains("bad")) {
					throw new IllegalArgumentException("bad item " + item);
				}
				return item.length();
			})
			.chunkSize(20)
			.aggregate(new SumAggregation())
			.workerStep((builder) -> builder.faultTolerant().skip(IllegalArgumentException.class).skipLimit(5))
			.build();
	}

	@Test
	void completesTheChunkWithItsCountsAndPartialResultAndIgnoresADuplicateRequest() throws Exception {
		ChunkWorker worker = worker("w1");
		ChunkKey key = slice(List.of("a", "bb", "ccc"));

		assertThat(worker.handle(request(key))).isEqualTo(ChunkWorker.Outcome.SUCCEEDED);
		assertThat(worker.handle(request(key))).isEqualTo(ChunkWorker.Outcome.IGNORED);

		ChunkRecord chunk = this.ledger.find(key).orElseThrow();
		assertThat(chunk.status()).isEqualTo(ChunkStatus.SUCCEEDED);
		assertThat(chunk.attempt()).isEqualTo(1);
		assertThat(chunk.counts().read()).isEqualTo(3);
		assertThat(chunk.counts().written()).isEqualTo(3);
		assertThat(chunk.resultKey()).isEqualTo(ChunkKeys.result("lengths", chunk))
			.startsWith("lengths/1/results/" + key.chunkIndex() + "-1-");
		assertThat(new ItemCodec().decode(this.payloads.get(chunk.resultKey()), Long.class, "r")).isEqualTo(6L);
	}

	@Test
	void readsOnlyItsOwnPartOfAPayloadSegmentSharedWithOtherChunks() throws Exception {
		ChunkWorker worker = worker("w1");
		ItemCodec codec = new ItemCodec();
		byte[] first = codec.encodeItems(List.of("a", "bb"));
		byte[] second = codec.encodeItems(List.of("cccc", "ddddd", "eeeeee"));
		byte[] segment = new byte[first.length + second.length];
		System.arraycopy(first, 0, segment, 0, first.length);
		System.arraycopy(second, 0, segment, first.length, second.length);
		String segmentKey = ChunkKeys.payloadSegment("lengths", 1, 0);
		this.payloads.put(segmentKey, segment);
		this.runs.begin(1, "lengths", Map.of("maxAttempts", "3", "toleratedDeadChunks", "0"));
		ChunkKey one = new ChunkKey(1, 0);
		ChunkKey two = new ChunkKey(1, 1);
		this.ledger.record(List.of(new NewChunk(one, "lengths", 1, 2, segmentKey, new ByteRange(0, first.length)),
				new NewChunk(two, "lengths", 1, 3, segmentKey, new ByteRange(first.length, second.length))));

		assertThat(worker.handle(request(two))).isEqualTo(ChunkWorker.Outcome.SUCCEEDED);
		assertThat(worker.handle(request(one))).isEqualTo(ChunkWorker.Outcome.SUCCEEDED);

		assertThat(this.ledger.find(one).orElseThrow().counts().read()).isEqualTo(2);
		assertThat(this.ledger.find(two).orElseThrow().counts().read()).isEqualTo(3);
		assertThat(codec.decode(this.payloads.get(this.ledger.find(one).orElseThrow().resultKey()), Long.class, "r"))
			.isEqualTo(3L);
		assertThat(codec.decode(this.payloads.get(this.ledger.find(two).orElseThrow().resultKey()), Long.class, "r"))
			.isEqualTo(15L);
	}

	@Test
	void skipsBadItemsInsideTheAttemptWithTheStepsFaultTolerance() throws Exception {
		ChunkKey key = slice(List.of("a", "bad-1", "bb", "bad-2"));

		assertThat(worker("w1").handle(request(key))).isEqualTo(ChunkWorker.Outcome.SUCCEEDED);

		ChunkRecord chunk = this.ledger.find(key).orElseThrow();
		assertThat(chunk.counts().written()).isEqualTo(2);
		assertThat(chunk.counts().skipped()).isEqualTo(2);
		assertThat(new ItemCodec().decode(this.payloads.get(chunk.resultKey()), Long.class, "r")).isEqualTo(3L);
	}

	@Test
	void recordsAFailedAttemptWithTheErrorOfTheJobsCode() throws Exception {
		List<String> items = new ArrayList<>();
		IntStream.range(0, 6).forEach((i) -> items.add("bad-" + i));
		ChunkKey key = slice(items);

		assertThat(worker("w1").handle(request(key))).isEqualTo(ChunkWorker.Outcome.FAILED);

		ChunkRecord chunk = this.ledger.find(key).orElseThrow();
		assertThat(chunk.status()).isEqualTo(ChunkStatus.FAILED);
		assertThat(chunk.lastError().workerId()).isEqualTo("w1");
		assertThat(chunk.lastError().attempt()).isEqualTo(1);
		assertThat(chunk.lastError().toString())
			.as("the job's own exception, past the skip limit, not Spring Batch's wrapper, at the item that failed")
			.isEqualTo("java.lang.IllegalArgumentException: at item 6 of chunk 0: bad item bad-5");
	}

	@Test
	void doesNotTouchAChunkHeldByAnotherWorkersLiveLease() throws Exception {
		ChunkKey key = slice(List.of("a"));
		this.ledger.claim(key, "other", Duration.ofMinutes(1), Instant.now()).orElseThrow();

		assertThat(worker("w1").handle(request(key))).isEqualTo(ChunkWorker.Outcome.IGNORED);
		assertThat(this.ledger.find(key).orElseThrow().workerId()).isEqualTo("other");
	}

	@Test
	void recordsEachAttemptsDurationByOutcomeAndTheItemsWrittenBySucceededAttempts() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ChunkWorker worker = new ChunkWorker("w1", List.of(lengths()), this.ledger, this.payloads, this.runs,
				this.leases, WorkerSettings.DEFAULTS, new ChunkMetrics(registry));
		List<String> failing = new ArrayList<>();
		IntStream.range(0, 6).forEach((i) -> failing.add("bad-" + i));
		ChunkKey done = slice(List.of("a", "bb", "ccc"));

		worker.handle(request(done));
		worker.handle(request(slice(List.of("a", "bad-1", "bb"))));
		worker.handle(request(slice(failing)));
		worker.handle(request(done));

		assertThat(registry.get(ChunkMetrics.CHUNK_DURATION).tags("job", "lengths", "outcome", "succeeded").timer()
			.count()).isEqualTo(2);
		assertThat(registry.get(ChunkMetrics.CHUNK_DURATION).tags("job", "lengths", "outcome", "failed").timer()
			.count()).isEqualTo(1);
		assertThat(registry.find(ChunkMetrics.CHUNK_DURATION).timers()).as("an ignored request is no attempt")
			.hasSize(2);
		assertThat(registry.get(ChunkMetrics.ITEMS_PROCESSED).tag("job", "lengths").counter().count())
			.as("items written: 3, then 2 with one skipped, none of the failed attempt")
			.isEqualTo(5);
	}

	@Test
	void tracksEveryChunkInHandAndHandsThemAllBackAsFailedAttemptsNamingTheWorker() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger processed = new AtomicInteger();
		ChunkWorker worker = new ChunkWorker("w1", List.of(blockingLengths(processed, release)), this.ledger,
				this.payloads, this.runs, this.leases, WorkerSettings.DEFAULTS);
		List<ChunkKey> keys = List.of(slice(List.of("a")), slice(List.of("bb")), slice(List.of("ccc")));
		ExecutorService threads = Executors.newFixedThreadPool(keys.size());
		try {
			List<Future<ChunkWorker.Outcome>> outcomes = keys.stream()
				.map((key) -> threads.submit(() -> worker.handle(request(key))))
				.toList();
			awaitChunksInHand(worker, keys.size());

			assertThat(worker.chunksInHand()).extracting(ChunkClaim::key).containsExactlyElementsOf(keys);
			assertThat(worker.chunksInHand()).extracting(ChunkClaim::attempt).containsOnly(1);
			assertThat(worker.handBack()).isEqualTo(3);
			for (ChunkKey key : keys) {
				ChunkRecord chunk = this.ledger.find(key).orElseThrow();
				assertThat(chunk.status()).isEqualTo(ChunkStatus.FAILED);
				assertThat(chunk.lastError().type()).isEqualTo("io.chunking.WorkerShutdown");
				assertThat(chunk.lastError().workerId()).isEqualTo("w1");
				assertThat(chunk.lastError().message())
					.isEqualTo("Worker w1 shut down before finishing attempt 1 and handed the chunk back");
			}
			release.countDown();
			for (Future<ChunkWorker.Outcome> outcome : outcomes) {
				assertThat(outcome.get(30, TimeUnit.SECONDS)).as("completion of a handed-back attempt")
					.isEqualTo(ChunkWorker.Outcome.REJECTED);
			}
			assertThat(worker.chunksInHand()).isEmpty();
			assertThat(keys).allSatisfy((key) -> assertThat(this.ledger.find(key).orElseThrow().status())
				.isEqualTo(ChunkStatus.FAILED));
		}
		finally {
			release.countDown();
			threads.shutdownNow();
			assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void handsBackAtOnceAChunkClaimedAfterTheWorkerHandedItsChunksBack() throws Exception {
		AtomicInteger processed = new AtomicInteger();
		ChunkWorker worker = new ChunkWorker("w1", List.of(blockingLengths(processed, new CountDownLatch(0))),
				this.ledger, this.payloads, this.runs, this.leases, WorkerSettings.DEFAULTS);
		assertThat(worker.handBack()).as("nothing in hand").isZero();
		ChunkKey key = slice(List.of("a", "bb"));

		assertThat(worker.handle(request(key))).isEqualTo(ChunkWorker.Outcome.FAILED);

		ChunkRecord chunk = this.ledger.find(key).orElseThrow();
		assertThat(chunk.status()).isEqualTo(ChunkStatus.FAILED);
		assertThat(chunk.lastError().type()).isEqualTo("io.chunking.WorkerShutdown");
		assertThat(processed).as("items processed").hasValue(0);
		assertThat(worker.chunksInHand()).isEmpty();
	}

	/** {@link #lengths()} whose processor counts the items it starts and waits for {@code release} on each. */
	static ChunkedJobDefinition<String, Integer> blockingLengths(AtomicInteger processed, CountDownLatch release) {
		return ChunkedJob.named("lengths")
			.items(String.class, (args) -> Stream.empty())
			.processor((String item) -> {
				processed.incrementAndGet();
				if (!release.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The test did not release " + item + " within 30 s");
				}
				return item.length();
			})
			.chunkSize(20)
			.aggregate(new SumAggregation())
			.build();
	}

	private static void awaitChunksInHand(ChunkWorker worker, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (worker.chunksInHand().size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(count + " chunks not in hand within 30 s: " + worker.chunksInHand());
			}
			Thread.sleep(20);
		}
	}

	private ChunkWorker worker(String id) {
		return new ChunkWorker(id, List.of(lengths()), this.ledger, this.payloads, this.runs, this.leases,
				WorkerSettings.DEFAULTS);
	}

	private ChunkKey slice(List<String> items) {
		ChunkKey key = new ChunkKey(1, (int) this.ledger.count(1).total());
		String payloadKey = ChunkKeys.payload("lengths", key);
		this.payloads.put(payloadKey, new ItemCodec().encodeItems(items));
		this.runs.begin(1, "lengths", Map.of("maxAttempts", "3", "toleratedDeadChunks", "0"));
		this.ledger.record(List.of(new NewChunk(key, "lengths", 1, items.size(), payloadKey)));
		return key;
	}

	private static ChunkRequest request(ChunkKey key) {
		return ChunkRequest.of("lengths", 1, key);
	}

	static final class SumAggregation implements ResultAggregation<Integer, Long> {

		@Override
		public Class<Long> partialType() {
			return Long.class;
		}

		@Override
		public Long empty() {
			return 0L;
		}

		@Override
		public Long add(Long partial, Integer output) {
			return partial + output;
		}

		@Override
		public Long merge(Long left, Long right) {
			return left + right;
		}

		@Override
		public Map<String, Object> present(Long total) {
			return Map.of("sum", total);
		}

	}

}
