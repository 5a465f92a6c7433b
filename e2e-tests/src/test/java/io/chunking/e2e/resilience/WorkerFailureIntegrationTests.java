package io.chunking.e2e.resilience;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static io.chunking.testing.ChunkingAssertions.instanceId;
import static io.chunking.testing.ChunkingAssertions.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
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
 * Failure semantics with real worker processes: killed, paused and terminated workers, failing and poisoned chunks,
 * and restart of a failed execution. Every run asserts the exact {@code count} and {@code checksum}. Leases are
 * short (4 s) so that lost workers are noticed quickly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerFailureIntegrationTests {

	static final String[] WORKER_ARGS = { "--chunking.worker.lease=4s", "--chunking.worker.renew-interval=1s",
			"--chunking.worker.heartbeat-interval=1s", "--chunking.worker.shutdown-grace=15s" };

	static int workerCount;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("worker-failures", (cluster) -> {
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=200ms",
				"--chunking.master.max-retry-backoff=1s");
		cluster.workerArgs(WORKER_ARGS);
		cluster.startMaster();
		startWorker();
		startWorker();
	});

	static String startWorker() throws Exception {
		String id = "worker-" + (++workerCount);
		cluster.startWorker(id);
		return id;
	}

	@Test
	@Order(1)
	void killedWorkersChunksAreRedispatchedAndTheResultStaysExact() throws Exception {
		long items = 40_000;
		long id = cluster.trigger("demo-checksum", Map.of("items", Long.toString(items), "chunkSize", "20"));
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		Map<String, Integer> heldAtKill = new HashMap<>();
		for (long progress : new long[] { 300, 900, 1500 }) {
			cluster.awaitSucceeded(id, progress, Duration.ofMinutes(3));
			String victim = "worker-" + (workerCount - 1);
			heldAtKill.put(victim, killWhileHoldingAChunk(victim, instance));
			startWorker();
		}
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(5));

		assertExactResult(execution, items, Set.of(), 20);
		Map<Integer, Document> ledger = cluster.ledger(instance);
		assertThat(ledger).hasSize(2000);
		assertThat(ledger.values()).allSatisfy((chunk) -> assertThat(chunk.getString("status")).isEqualTo("SUCCEEDED"));
		long redispatched = ledger.values().stream().filter((chunk) -> chunk.getInteger("attempt") > 1).count();
		figures("kill -9 of 3 workers: 2000 chunks, held at kill " + heldAtKill + ", chunks with attempt > 1: "
				+ redispatched + ", result " + execution.get("result"));
		Map<String, String> states = workerStates();
		heldAtKill.keySet().forEach((victim) -> assertThat(states).as("workers").containsEntry(victim, "LOST"));
		assertThat(states).as("workers").containsEntry("worker-" + workerCount, "ACTIVE");
		heldAtKill.forEach((victim, index) -> {
			Document chunk = ledger.get(index);
			assertThat(chunk.getInteger("attempt")).as("attempts of chunk %s held by killed %s", index, victim)
				.isGreaterThanOrEqualTo(2);
			assertThat(errors(chunk)).as("errors of chunk %s", index)
				.anySatisfy((error) -> {
					assertThat(error.getString("type")).isEqualTo("io.chunking.LeaseExpired");
					assertThat(error.getString("workerId")).isEqualTo(victim);
				});
		});
	}

	/**
	 * Kills the worker with SIGKILL at a moment it holds a chunk, and returns the index of that chunk.
	 */
	static int killWhileHoldingAChunk(String victim, long instance) throws Exception {
		Process process = cluster.worker(victim);
		int held = cluster.freezeWhileHoldingAChunk(victim, instance);
		process.destroyForcibly();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		return held;
	}

	@Test
	@Order(2)
	void transientFailuresAreRetriedWithinMaxAttempts() throws Exception {
		long items = 10_000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "failRate", "0.2", "maxAttempts", "10"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(5));

		assertExactResult(execution, items, Set.of(), 20);
		Map<Integer, Document> ledger = cluster.ledger(instanceId(execution));
		long retried = ledger.values().stream().filter((chunk) -> chunk.getInteger("attempt") > 1).count();
		figures("failRate=0.2: 500 chunks, retried " + retried + ", max attempt "
				+ ledger.values().stream().mapToInt((chunk) -> chunk.getInteger("attempt")).max().orElse(0)
				+ ", result " + execution.get("result"));
		assertThat(retried).as("chunks retried of 500 at failRate 0.2").isBetween(60L, 140L);
		assertThat(ledger.values()).allSatisfy((chunk) -> assertThat(chunk.getInteger("attempt")).isBetween(1, 10));
		assertThat(ledger.values().stream().filter((chunk) -> chunk.getInteger("attempt") > 1))
			.allSatisfy((chunk) -> assertThat(chunk.get("lastError", Document.class).getString("message"))
				.contains("Transient failure of chunk"));
	}

	@Test
	@Order(3)
	void poisonChunksEndDeadAndFailTheExecutionNamingThem() throws Exception {
		long id = cluster.trigger("demo-checksum",
				Map.of("items", "2000", "chunkSize", "20", "poisonChunks", "3,17", "maxAttempts", "3"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertThat(execution.get("status")).isEqualTo("FAILED");
		String exit = (String) execution.get("exitDescription");
		assertThat(exit).contains("2 of 100 chunks are dead").contains("chunk 3 after 3 attempts")
			.contains("chunk 17 after 3 attempts").contains("poisoned");
		Map<Integer, Document> ledger = cluster.ledger(instanceId(execution));
		for (int index : new int[] { 3, 17 }) {
			Document chunk = ledger.get(index);
			assertThat(chunk.getString("status")).isEqualTo("DEAD");
			assertThat(chunk.getInteger("attempt")).isEqualTo(3);
			assertThat(chunk.get("lastError", Document.class).getString("message"))
				.contains("Chunk " + index + " is poisoned");
		}
		assertThat(ledger.entrySet().stream().filter((e) -> e.getKey() != 3 && e.getKey() != 17))
			.allSatisfy((e) -> assertThat(e.getValue().getString("status")).isEqualTo("SUCCEEDED"));
	}

	@Test
	@Order(4)
	void toleratedDeadChunksCompleteAndTheResultLeavesThemOut() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "2000", "chunkSize", "20", "poisonChunks", "3,17",
				"maxAttempts", "3", "toleratedDeadChunks", "2"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertExactResult(execution, 2000, Set.of(3, 17), 20);
		Map<?, ?> result = (Map<?, ?>) execution.get("result");
		assertThat(((Number) result.get("deadChunks")).longValue()).isEqualTo(2);
		assertThat(((Number) result.get("itemsLeftOut")).longValue()).isEqualTo(40);
	}

	@Test
	@Order(5)
	void restartRedispatchesOnlyUnfinishedChunksAndGivesTheUninterruptedResult() throws Exception {
		long items = 4000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "failRate", "0.3", "maxAttempts", "1"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));
		assertThat(execution.get("status")).isEqualTo("FAILED");
		long instance = instanceId(execution);
		Map<Integer, Document> first = cluster.ledger(instance);
		Map<Integer, Object> succeededFirst = new HashMap<>();
		first.forEach((index, chunk) -> {
			if ("SUCCEEDED".equals(chunk.getString("status"))) {
				succeededFirst.put(index, chunk.get("startedAt"));
			}
		});
		assertThat(succeededFirst.size()).isBetween(100, 190);
		int restarts = 0;

		long current = id;
		for (int restart = 0; restart < 12 && !"COMPLETED".equals(execution.get("status")); restart++) {
			ChunkingCluster.Response response = cluster.post("/api/executions/" + current + "/restart", "");
			assertThat(response.status()).as(response.text()).isEqualTo(202);
			current = ((Number) response.body().get("executionId")).longValue();
			execution = cluster.awaitEnd(current, Duration.ofMinutes(3));
			assertThat(instanceId(execution)).isEqualTo(instance);
			restarts++;
		}
		figures("restart: 200 chunks, " + succeededFirst.size() + " succeeded in the first execution, " + restarts
				+ " restarts to complete, result " + execution.get("result"));
		assertExactResult(execution, items, Set.of(), 20);
		Map<Integer, Document> last = cluster.ledger(instance);
		succeededFirst.forEach((index, startedAt) -> assertThat(last.get(index).get("startedAt"))
			.as("chunk %s, succeeded in the first execution, ran again", index)
			.isEqualTo(startedAt));
		assertThat(last.values()).allSatisfy((chunk) -> assertThat(chunk.get("createdAt"))
			.as("sliced again").isEqualTo(first.get(chunk.getInteger("chunkIndex")).get("createdAt")));

		ChunkingCluster.Response again = cluster.post("/api/executions/" + current + "/restart", "");
		assertThat(again.status()).isEqualTo(409);
		assertThat((String) again.body().get("message")).contains("is COMPLETED");
	}

	@Test
	@Order(6)
	void zombieWorkersLateCompletionIsRejectedAndTheResultStaysExact() throws Exception {
		long items = 4000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "100", "workMicros", "10000"));
		cluster.awaitSucceeded(id, 4, Duration.ofMinutes(2));
		String zombie = "worker-" + workerCount;
		Process process = cluster.worker(zombie);
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		cluster.freezeWhileHoldingAChunk(zombie, instance);
		Thread.sleep(9000);
		ChunkingCluster.signal(process, "CONT");
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertExactResult(execution, items, Set.of(), 100);
		List<Document> rejected = cluster.ledger(instanceId(execution))
			.values()
			.stream()
			.filter((chunk) -> chunk.getList("rejectedCompletions", Document.class, List.of())
				.stream()
				.anyMatch((rejection) -> zombie.equals(rejection.getString("workerId"))))
			.toList();
		figures("zombie: " + rejected.size() + " late completion(s) of " + zombie + " rejected, result "
				+ execution.get("result"));
		assertThat(rejected).as("late completions of the paused %s", zombie).isNotEmpty();
		assertThat(rejected).allSatisfy((chunk) -> {
			assertThat(chunk.getString("status")).isEqualTo("SUCCEEDED");
			int rejectedAttempt = chunk.getList("rejectedCompletions", Document.class)
				.stream()
				.filter((rejection) -> zombie.equals(rejection.getString("workerId")))
				.mapToInt((rejection) -> rejection.getInteger("attempt"))
				.max()
				.orElseThrow();
			assertThat(chunk.getInteger("attempt")).as("counted attempt").isGreaterThan(rejectedAttempt);
			assertThat(errors(chunk)).anySatisfy((error) -> assertThat(error.getString("type"))
				.isEqualTo("io.chunking.LeaseExpired"));
		});
	}

	@Test
	@Order(7)
	void terminatedWorkerDrainsAndExitsZeroWithinItsGracePeriod() throws Exception {
		long items = 20_000;
		long id = cluster.trigger("demo-checksum", Map.of("items", Long.toString(items), "chunkSize", "20"));
		cluster.awaitSucceeded(id, 200, Duration.ofMinutes(2));
		String leaving = "worker-" + workerCount;
		Process process = cluster.worker(leaving);
		long signalled = System.nanoTime();
		ChunkingCluster.signal(process, "TERM");
		assertThat(process.waitFor(25, TimeUnit.SECONDS)).as("%s exits within its grace period", leaving).isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(20));
		assertThat(cluster.log(leaving)).contains("is draining").contains("deregistered");
		assertThat(workerStates()).as("workers after %s deregistered", leaving).doesNotContainKey(leaving);
		figures("SIGTERM: " + leaving + " exited 0 after " + Duration.ofNanos(System.nanoTime() - signalled).toMillis()
				+ " ms");
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertExactResult(execution, items, Set.of(), 20);
	}

	@Test
	@Order(8)
	void terminatedWorkerHandsBackAChunkItCannotFinishWithinItsGracePeriod() throws Exception {
		String hurried = "worker-" + (++workerCount);
		cluster.startWorker(hurried, "--chunking.worker.shutdown-grace=1s");
		long items = 200;
		// 20 items of 200 ms each: every chunk takes 4 s, much longer than the grace period.
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "workMicros", "200000"));
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		Integer held = null;
		for (int tries = 0; tries < 300 && held == null; tries++) {
			held = cluster.heldBy(hurried, instance);
			Thread.sleep(100);
		}
		assertThat(held).as("a chunk held by %s", hurried).isNotNull();
		Process process = cluster.worker(hurried);
		long signalled = System.nanoTime();
		ChunkingCluster.signal(process, "TERM");
		assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("%s exits soon after its grace period", hurried).isTrue();
		assertThat(process.exitValue()).isZero();
		long exitMillis = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
		assertThat(cluster.log(hurried))
			.contains("Handed back 1 chunk(s) still in hand after the shutdown grace period");
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(5));

		assertExactResult(execution, items, Set.of(), 20);
		Document chunk = cluster.ledger(instance).get(held);
		assertThat(chunk.getInteger("attempt")).isGreaterThanOrEqualTo(2);
		assertThat(errors(chunk)).anySatisfy((error) -> {
			assertThat(error.getString("type")).isEqualTo("io.chunking.WorkerShutdown");
			assertThat(error.getString("workerId")).isEqualTo(hurried);
		});
		figures("SIGTERM with a 1 s grace: " + hurried + " exited 0 after " + exitMillis + " ms, handing back chunk "
				+ held + ", which then ran as attempt " + chunk.getInteger("attempt") + "; result "
				+ execution.get("result"));
	}

	/** The index of a chunk the ledger shows running on {@code worker}, or {@code null}. */
	static void figures(String line) {
		System.out.println("[figures] " + line);
	}

	static Map<String, String> workerStates() throws Exception {
		ChunkingCluster.Response response = cluster.get("/api/workers");
		assertThat(response.status()).isEqualTo(200);
		List<Map<String, Object>> workers = cluster.json().readValue(response.text(), new TypeReference<>() {
		});
		Map<String, String> states = new HashMap<>();
		workers.forEach((worker) -> states.put((String) worker.get("id"), (String) worker.get("state")));
		return states;
	}

}
