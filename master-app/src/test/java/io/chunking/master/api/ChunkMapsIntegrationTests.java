package io.chunking.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.OperatingSystemMXBean;

import io.chunking.master.embedded.EmbeddedLedgerServer;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ChunkStatusEntry;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.mongo.MongoChunkLedger;

/**
 * Chunk maps read from the master's embedded Mongo-wire server: one character per chunk at 100,000 chunks, and one
 * ledger read per job instance per second however many requests ask at once or again.
 */
class ChunkMapsIntegrationTests {

	private static final long LARGE = 1;

	private static final int LARGE_CHUNKS = 100_000;

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@TempDir
	static Path dataDir;

	static EmbeddedLedgerServer server;

	static ChunkLedger real;

	private final AtomicLong nanoTime = new AtomicLong();

	private CountingChunkLedger counting;

	private ChunkMaps maps;

	@BeforeAll
	static void recordALargeInstance() {
		server = new EmbeddedLedgerServer(dataDir);
		server.chunks().drop();
		real = new MongoChunkLedger(server.chunks());
		real.initialize();
		for (int from = 0; from < LARGE_CHUNKS; from += 1000) {
			real.record(IntStream.range(from, from + 1000)
				.mapToObj((index) -> new NewChunk(new ChunkKey(LARGE, index), "demo", 10, 500, "payload-" + index))
				.toList());
		}
		for (int index = 0; index < 10; index++) {
			real.complete(claim(LARGE, index), new ChunkOutcome(new ItemCounts(500, 500, 0), null), T0);
		}
		claim(LARGE, 50_000);
		fail(LARGE, 99_999);
		fail(LARGE, 12_345);
		real.bury(real.find(new ChunkKey(LARGE, 12_345)).orElseThrow(), T0);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void countReads() {
		this.counting = new CountingChunkLedger(real);
		this.maps = new ChunkMaps(this.counting.ledger(), this.nanoTime::get, Clock.fixed(T0, ZoneOffset.UTC));
	}

	@Test
	void aMapOf100000ChunksHasTheStatusOfEachInIndexOrder() {
		long start = System.nanoTime();
		ChunkMaps.InstanceMap map = this.maps.get(LARGE);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(map.statuses()).hasSize(LARGE_CHUNKS);
		assertThat(map.statuses()).startsWith("SSSSSSSSSSPPP");
		assertThat(map.statuses().charAt(50_000)).isEqualTo('R');
		assertThat(map.statuses().charAt(12_345)).isEqualTo('D');
		assertThat(map.statuses().charAt(99_999)).isEqualTo('F');
		assertThat(map.statuses().charAt(99_998)).isEqualTo('P');
		assertThat(map.counts()).containsEntry(ChunkStatus.SUCCEEDED, 10L)
			.containsEntry(ChunkStatus.RUNNING, 1L)
			.containsEntry(ChunkStatus.FAILED, 1L)
			.containsEntry(ChunkStatus.DEAD, 1L)
			.containsEntry(ChunkStatus.PENDING, (long) LARGE_CHUNKS - 13);
		assertThat(map.generatedAt()).isEqualTo(T0);
		System.out.println("Chunk map of " + LARGE_CHUNKS + " chunks read in " + took.toMillis() + " ms");
		// Reads after the first, as a running master makes them; wall time depends on what else runs on the machine,
		// the CPU time of this JVM (server, client, JIT compilers and collector) less so.
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		List<Long> wallMillis = new ArrayList<>();
		List<Long> cpuMillis = new ArrayList<>();
		for (int read = 0; read < 5; read++) {
			long wall = System.nanoTime();
			long cpu = os.getProcessCpuTime();
			try (Stream<ChunkStatusEntry> statuses = real.statuses(LARGE)) {
				assertThat(statuses.count()).isEqualTo(LARGE_CHUNKS);
			}
			wallMillis.add(Duration.ofNanos(System.nanoTime() - wall).toMillis());
			cpuMillis.add(Duration.ofNanos(os.getProcessCpuTime() - cpu).toMillis());
		}
		System.out.println("Statuses of " + LARGE_CHUNKS + " chunks read again in " + wallMillis + " ms, "
				+ cpuMillis + " ms of CPU");
	}

	@Test
	void concurrentAndRepeatedRequestsWithinASecondReadTheLedgerOnce() throws Exception {
		int clients = 8;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			CountDownLatch ready = new CountDownLatch(clients);
			List<Callable<String>> requests = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				requests.add(() -> {
					ready.countDown();
					ready.await();
					return this.maps.get(LARGE).statuses();
				});
			}
			List<String> answers = new ArrayList<>();
			for (Future<String> answer : pool.invokeAll(requests)) {
				answers.add(answer.get());
			}
			assertThat(answers).hasSize(clients).allSatisfy((statuses) -> assertThat(statuses).hasSize(LARGE_CHUNKS));
		}
		finally {
			pool.shutdownNow();
		}
		this.nanoTime.addAndGet(ChunkMaps.TTL.toNanos() - 1);
		this.maps.get(LARGE);
		assertThat(this.counting.calls("statuses")).as("reads within the second").isEqualTo(1);

		this.nanoTime.addAndGet(1);
		this.maps.get(LARGE);
		assertThat(this.counting.calls("statuses")).as("a second later").isEqualTo(2);
	}

	@Test
	void aSlowReadIsKeptForASecondFromItsStartLikeAnyOther() {
		// Each read of the statuses takes 5 s on the clock the maps go by.
		CountingChunkLedger slow = new CountingChunkLedger(real, (method) -> {
			if (method.equals("statuses")) {
				this.nanoTime.addAndGet(Duration.ofSeconds(5).toNanos());
			}
		});
		ChunkMaps maps = new ChunkMaps(slow.ledger(), this.nanoTime::get, Clock.fixed(T0, ZoneOffset.UTC));
		long instance = 4;
		real.deleteAll(instance);
		real.record(List.of(new NewChunk(new ChunkKey(instance, 0), "demo", 20, 500, "p-0")));

		maps.get(instance);
		maps.get(instance);
		assertThat(slow.calls("statuses")).as("a read that began more than a second ago is not kept").isEqualTo(2);
	}

	@Test
	void indexesNotInTheLedgerYetAreShownAsUnsliced() {
		long instance = 2;
		real.deleteAll(instance);
		real.record(IntStream.of(0, 1, 2, 5)
			.mapToObj((index) -> new NewChunk(new ChunkKey(instance, index), "demo", 20, 500, "p-" + index))
			.toList());

		assertThat(this.maps.get(instance).statuses()).isEqualTo("PPP--P");
		assertThat(this.maps.get(3).statuses()).as("no chunk at all").isEmpty();
	}

	@Test
	void theLeastRecentlyAskedMapIsDroppedBeyondTheBound() {
		for (long instance = 100; instance < 100 + ChunkMaps.MAX_INSTANCES; instance++) {
			this.maps.get(instance);
		}
		this.maps.get(100);
		this.maps.get(100 + ChunkMaps.MAX_INSTANCES);
		assertThat(this.counting.calls("statuses")).isEqualTo(ChunkMaps.MAX_INSTANCES + 1);

		this.maps.get(100);
		assertThat(this.counting.calls("statuses")).as("the one asked again is kept").isEqualTo(ChunkMaps.MAX_INSTANCES + 1);
		this.maps.get(101);
		assertThat(this.counting.calls("statuses")).as("the least recently asked is read again")
			.isEqualTo(ChunkMaps.MAX_INSTANCES + 2);
	}

	private static ChunkClaim claim(long instance, int index) {
		return real.claim(new ChunkKey(instance, index), "w1", Duration.ofSeconds(30), T0).orElseThrow();
	}

	private static void fail(long instance, int index) {
		ChunkClaim claim = claim(instance, index);
		real.fail(claim, ChunkError.of(new IllegalStateException("boom"), "w1", claim.attempt(), T0), T0);
	}

}
