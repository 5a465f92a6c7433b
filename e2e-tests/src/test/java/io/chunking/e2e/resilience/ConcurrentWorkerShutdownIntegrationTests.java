package io.chunking.e2e.resilience;

import static io.chunking.e2e.resilience.WorkerFailureIntegrationTests.figures;
import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static io.chunking.testing.ChunkingAssertions.errors;
import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import tools.jackson.core.type.TypeReference;

/**
 * A worker running 4 chunks at once ({@code chunking.worker.concurrency=4}) is terminated while it holds 4 chunks,
 * as {@code /api/workers} shows: with a long grace period it finishes all 4, with a short one it hands all 4 back;
 * either way it exits 0, takes no new chunk, loses none to a lease expiry, and the result is exact. Each run has 5
 * chunks of 20 items of 200 ms: 4 s a chunk, far longer than the time between seeing 4 chunks in hand and the
 * signal, and than the short grace period. Worker start-ups are most of the time of this class, so the worker that
 * finishes the first run is the one terminated in the second.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentWorkerShutdownIntegrationTests {

	static final long ITEMS = 100;

	static final int CHUNK_SIZE = 20;

	static final Map<String, String> SLOW_RUN = Map.of("items", Long.toString(ITEMS), "chunkSize",
			Integer.toString(CHUNK_SIZE), "workMicros", "200000");

	static final String CONCURRENCY = "--chunking.worker.concurrency=4";

	static final String[] HURRIED = { CONCURRENCY, "--chunking.worker.shutdown-grace=1s" };

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("concurrent-worker-shutdown", (cluster) -> {
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=200ms",
				"--chunking.master.max-retry-backoff=1s");
		cluster.workerArgs("--chunking.worker.lease=10s", "--chunking.worker.renew-interval=2s",
				"--chunking.worker.heartbeat-interval=250ms");
		cluster.startMaster();
	});

	@Test
	@Order(1)
	void terminatedWorkerFinishesEveryChunkInHandWithinALongGracePeriod() throws Exception {
		cluster.startWorker("patient", CONCURRENCY, "--chunking.worker.shutdown-grace=30s");
		long id = cluster.trigger("demo-checksum", SLOW_RUN);
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		List<HeldChunk> held = awaitChunksInHand("patient", 4);

		long exitMillis = terminate("patient", Duration.ofSeconds(40));
		assertThat(cluster.log("patient")).contains("waiting up to PT30S for the 4 chunk(s) in hand")
			.contains("deregistered")
			.doesNotContain("Handed back");
		cluster.startWorker("hurried", HURRIED);
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertExactResult(execution, ITEMS, Set.of(), CHUNK_SIZE);
		Map<Integer, Document> ledger = cluster.ledger(instance);
		for (HeldChunk chunk : held) {
			Document counted = succeeded(ledger, chunk, "patient");
			assertThat(counted.getInteger("attempt")).as("counted attempt").isEqualTo(chunk.attempt());
			assertThat(errors(counted)).isEmpty();
		}
		assertTheOthersRanOn("hurried", ledger, held);
		figures("SIGTERM of a worker with concurrency 4 and a 30 s grace holding " + held + ": exited 0 after "
				+ exitMillis + " ms, having finished all of them; result " + execution.get("result"));
	}

	@Test
	@Order(2)
	void terminatedWorkerHandsBackEveryChunkStillInHandAfterAShortGracePeriod() throws Exception {
		Process hurried = cluster.worker("hurried");
		if (hurried == null || !hurried.isAlive()) {
			cluster.startWorker("hurried", HURRIED);
		}
		long id = cluster.trigger("demo-checksum", SLOW_RUN);
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		List<HeldChunk> held = awaitChunksInHand("hurried", 4);

		long exitMillis = terminate("hurried", Duration.ofSeconds(20));
		assertThat(cluster.log("hurried"))
			.contains("Handed back 4 chunk(s) still in hand after the shutdown grace period");
		cluster.startWorker("finisher", "--chunking.worker.concurrency=5");
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertExactResult(execution, ITEMS, Set.of(), CHUNK_SIZE);
		Map<Integer, Document> ledger = cluster.ledger(instance);
		for (HeldChunk chunk : held) {
			Document counted = succeeded(ledger, chunk, "finisher");
			assertThat(counted.getInteger("attempt")).as("counted attempt").isGreaterThan(chunk.attempt());
			assertThat(errors(counted)).as("errors").anySatisfy((error) -> {
				assertThat(error.getString("type")).isEqualTo("io.chunking.WorkerShutdown");
				assertThat(error.getString("workerId")).isEqualTo("hurried");
				assertThat(error.getInteger("attempt")).isEqualTo(chunk.attempt());
			});
		}
		assertTheOthersRanOn("finisher", ledger, held);
		figures("SIGTERM of a worker with concurrency 4 and a 1 s grace holding " + held + ": exited 0 after "
				+ exitMillis + " ms, having handed all of them back; they ran again as attempts "
				+ held.stream().map((chunk) -> ledger.get(chunk.index()).getInteger("attempt")).toList() + "; result "
				+ execution.get("result"));
	}

	/** A chunk in hand as {@code /api/workers} shows it ({@code job/instance/index/attempt}). */
	record HeldChunk(int index, int attempt) {

		static HeldChunk parse(String shown) {
			String[] parts = shown.split("/");
			assertThat(parts).as("chunk in hand %s", shown).hasSize(4);
			assertThat(parts[0]).isEqualTo("demo-checksum");
			return new HeldChunk(Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
		}

	}

	/** Waits until {@code /api/workers} shows the worker with {@code count} chunks in hand, and returns them. */
	static List<HeldChunk> awaitChunksInHand(String worker, int count) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		Map<String, Object> view = Map.of();
		while (System.nanoTime() < deadline) {
			List<Map<String, Object>> workers = cluster.json()
				.readValue(cluster.get("/api/workers").text(), new TypeReference<>() {
				});
			view = workers.stream().filter((w) -> worker.equals(w.get("id"))).findFirst().orElse(Map.of());
			List<?> chunks = (List<?>) view.getOrDefault("chunksInHand", List.of());
			if (chunks.size() == count) {
				assertThat(view).containsEntry("concurrency", 4).containsEntry("currentChunk", chunks.get(0));
				return chunks.stream().map((chunk) -> HeldChunk.parse((String) chunk)).toList();
			}
			Thread.sleep(100);
		}
		throw new AssertionError(worker + " was not shown with " + count + " chunks in hand within 1 min: " + view);
	}

	/** The ledger entry of a chunk that was in hand, asserted {@code SUCCEEDED} by {@code worker}. */
	static Document succeeded(Map<Integer, Document> ledger, HeldChunk chunk, String worker) {
		Document counted = ledger.get(chunk.index());
		assertThat(counted.getString("status")).as("status of chunk %s", chunk.index()).isEqualTo("SUCCEEDED");
		assertThat(counted.getString("workerId")).as("worker of chunk %s", chunk.index()).isEqualTo(worker);
		return counted;
	}

	/**
	 * The chunks that were not in hand at the signal all ran on {@code worker}, started after the terminated one
	 * exited (which so took no new chunk), and no chunk waited for a lease to expire (every chunk the terminated
	 * worker held was finished or handed back).
	 */
	static void assertTheOthersRanOn(String worker, Map<Integer, Document> ledger, List<HeldChunk> held) {
		List<Integer> heldIndexes = held.stream().map(HeldChunk::index).toList();
		assertThat(ledger.values()).hasSize((int) (ITEMS / CHUNK_SIZE))
			.filteredOn((chunk) -> !heldIndexes.contains(chunk.getInteger("chunkIndex")))
			.as("chunks not in hand at the signal")
			.allSatisfy((chunk) -> assertThat(chunk.getString("workerId")).isEqualTo(worker));
		assertThat(ledger.values()).allSatisfy((chunk) -> assertThat(errors(chunk))
			.noneSatisfy((error) -> assertThat(error.getString("type")).isEqualTo("io.chunking.LeaseExpired")));
	}

	/** Sends SIGTERM, asserts the worker exits 0 within {@code timeout}, and returns how long it took in ms. */
	static long terminate(String worker, Duration timeout) throws Exception {
		Process process = cluster.worker(worker);
		long signalled = System.nanoTime();
		ChunkingCluster.signal(process, "TERM");
		assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("%s exits within %s", worker, timeout)
			.isTrue();
		assertThat(process.exitValue()).as("exit code of %s", worker).isZero();
		return Duration.ofNanos(System.nanoTime() - signalled).toMillis();
	}

}
