package io.chunking.e2e.resilience;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import tools.jackson.core.type.TypeReference;

/**
 * {@code kill -9} of the master (which also hosts the embedded broker and stores) in the middle of a run, then a
 * new master on the same data: the execution is recovered and completes with the exact result, and chunks that had
 * succeeded before the kill are not run again.
 */
class MasterRecoveryIntegrationTests {

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("master-recovery", (cluster) -> {
		cluster.masterArgs("--chunking.master.owner-lease=6s", "--chunking.master.recovery-interval=2s",
				"--chunking.master.poll-interval=250ms", "--chunking.master.max-concurrent-executions=1");
		cluster.workerArgs(WorkerFailureIntegrationTests.WORKER_ARGS);
		cluster.startMaster();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
	});

	@Test
	void executionOfAKilledMasterIsRecoveredByTheNextMasterWithoutRerunningSucceededChunks() throws Exception {
		long items = 40_000;
		long id = cluster.trigger("demo-checksum", Map.of("items", Long.toString(items), "chunkSize", "20"));
		cluster.awaitSucceeded(id, 500, Duration.ofMinutes(3));
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		Set<Integer> succeededBeforeKill = cluster.ledger(instance)
			.values()
			.stream()
			.filter((chunk) -> "SUCCEEDED".equals(chunk.getString("status")))
			.map((chunk) -> chunk.getInteger("chunkIndex"))
			.collect(Collectors.toSet());
		// The embedded Mongo-wire server writes its store to disk about every second; let the snapshot get there.
		Thread.sleep(4000);
		cluster.killMaster();
		cluster.startMaster();

		Map<String, Object> lost = cluster.get("/api/executions/" + id).body();
		long recovered = awaitRecovery(id, Duration.ofMinutes(2));
		Map<String, Object> execution = cluster.awaitEnd(recovered, Duration.ofMinutes(5));

		assertExactResult(execution, items, Set.of(), 20);
		assertThat(instanceId(execution)).isEqualTo(instance);
		Map<String, Object> stale = cluster.get("/api/executions/" + id).body();
		assertThat(stale.get("status")).as("lost execution %s (was %s)", stale, lost).isEqualTo("FAILED");
		assertThat(stale.get("exitCode")).isEqualTo("MASTER_LOST");
		Map<Integer, Document> ledger = cluster.ledger(instance);
		WorkerFailureIntegrationTests.figures("master kill -9: 2000 chunks, " + succeededBeforeKill.size()
				+ " succeeded before the kill, chunks with attempt > 1: "
				+ ledger.values().stream().filter((chunk) -> chunk.getInteger("attempt") > 1).count()
				+ ", recovered as execution " + recovered + ", result " + execution.get("result"));
		assertThat(ledger).hasSize(2000);
		assertThat(succeededBeforeKill).hasSizeGreaterThanOrEqualTo(500);
		for (int index : succeededBeforeKill) {
			assertThat(ledger.get(index).getInteger("attempt")).as("attempts of chunk %s", index).isEqualTo(1);
		}
	}

	@Test
	void executionWaitingInTheMastersQueueIsNotTakenForALostOne() throws Exception {
		// One execution at a time: the second waits in the queue for longer than the 6 s ownership lease.
		long first = cluster.trigger("demo-checksum", Map.of("items", "16000", "chunkSize", "20"));
		long second = cluster.trigger("demo-checksum", Map.of("items", "16000", "chunkSize", "20"));
		Map<String, Object> firstDone = cluster.awaitEnd(first, Duration.ofMinutes(5));
		Map<String, Object> secondDone = cluster.awaitEnd(second, Duration.ofMinutes(5));

		assertExactResult(firstDone, 16_000, Set.of(), 20);
		// Had it been taken for lost, this execution would have ended FAILED with exit code MASTER_LOST.
		assertExactResult(secondDone, 16_000, Set.of(), 20);
		java.time.LocalDateTime firstEnd = java.time.LocalDateTime.parse((String) firstDone.get("endTime"));
		java.time.LocalDateTime secondStart = java.time.LocalDateTime.parse((String) secondDone.get("startTime"));
		assertThat(secondStart).as("the second execution ran only after the first").isAfterOrEqualTo(
				firstEnd.minusSeconds(1));
		assertThat(Duration.between(java.time.LocalDateTime.parse((String) firstDone.get("startTime")), firstEnd))
			.as("how long the second execution waited in the queue").isGreaterThan(Duration.ofSeconds(6));
	}

	/** Waits for the new master to restart the lost execution and returns the id of the new execution. */
	static long awaitRecovery(long lostId, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			ChunkingCluster.Response jobs = cluster.get("/api/jobs");
			List<Map<String, Object>> list = cluster.json().readValue(jobs.text(), new TypeReference<>() {
			});
			Map<?, ?> last = (Map<?, ?>) list.get(0).get("lastExecution");
			if (last != null && ((Number) last.get("id")).longValue() > lostId) {
				return ((Number) last.get("id")).longValue();
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Execution " + lostId + " was not recovered within " + timeout);
	}

}
