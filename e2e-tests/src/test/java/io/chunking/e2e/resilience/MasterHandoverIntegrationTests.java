package io.chunking.e2e.resilience;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * SIGTERM of a master in the middle of a run: it hands the execution over and exits 0, and the next master (the
 * other one, or itself started again) continues the run at once, far sooner than the 60 s ownership lease after
 * which a lost master's execution is recovered, with the exact result and no succeeded chunk run again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterHandoverIntegrationTests {

	/** Far longer than a handover may take: recovery after this long would be the lost-master path. */
	private static final Duration OWNER_LEASE = Duration.ofSeconds(60);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(45);

	private static final long ITEMS = 20_000;

	private static final int CHUNK_SIZE = 20;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("master-handover", (cluster) -> {
		cluster.masterArgs("--chunking.master.id=master-a", "--chunking.master.owner-lease=" + OWNER_LEASE.toSeconds() + "s",
				"--chunking.master.recovery-interval=2s", "--chunking.master.poll-interval=250ms",
				"--chunking.master.shutdown-grace=20s");
		cluster.workerArgs(WorkerFailureIntegrationTests.WORKER_ARGS);
		cluster.startMaster();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
	});

	@Test
	@Order(1)
	void executionOfAPeerMasterStoppedWithSigtermContinuesOnTheOtherMasterAtOnce() throws Exception {
		Process peer = cluster.startPeerMaster("master-b", "--chunking.master.id=master-b");
		long id = cluster.triggerOn("master-b", "demo-checksum",
				Map.of("items", Long.toString(ITEMS), "chunkSize", Integer.toString(CHUNK_SIZE)));
		cluster.awaitSucceeded(id, 200, Duration.ofMinutes(3));
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		Set<Integer> succeededBefore = succeeded(instance);

		long stopping = System.nanoTime();
		int exitCode = ChunkingCluster.terminate(peer, EXIT_TIMEOUT);
		long exited = System.nanoTime();
		long recovered = cluster.awaitNewerExecution(id, Duration.ofMinutes(2));
		long continued = System.nanoTime();
		Map<String, Object> execution = cluster.awaitEnd(recovered, Duration.ofMinutes(5));

		WorkerFailureIntegrationTests.figures("SIGTERM of the peer master running the execution: exited " + exitCode
				+ " after " + millis(stopping, exited) + " ms; execution " + id + " continued as " + recovered
				+ " on the other master " + millis(exited, continued) + " ms after the exit (owner lease "
				+ OWNER_LEASE + ", recovery interval 2 s); " + succeededBefore.size()
				+ " chunks had succeeded before; result " + execution.get("result"));
		assertThat(exitCode).isZero();
		assertThat(cluster.log("master-b")).contains("Master master-b handed executions [" + id + "] over");
		assertThat(Duration.ofNanos(continued - exited)).as("from the peer's exit to the continued execution")
			.isLessThan(Duration.ofSeconds(15));
		assertHandedOver(id, "master-b", recovered, instance, execution, succeededBefore);
	}

	@Test
	@Order(2)
	void executionOfAMasterStoppedWithSigtermContinuesWhenItStartsAgain() throws Exception {
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(ITEMS), "chunkSize", Integer.toString(CHUNK_SIZE)));
		cluster.awaitSucceeded(id, 200, Duration.ofMinutes(3));
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		Set<Integer> succeededBefore = succeeded(instance);

		// The master hosts the broker, H2, S3 and Mongo: they stop with it.
		long stopping = System.nanoTime();
		int exitCode = ChunkingCluster.terminate(cluster.master(), EXIT_TIMEOUT);
		long exited = System.nanoTime();
		String stoppedLog = cluster.log("master");
		cluster.startMaster();
		long started = System.nanoTime();
		long recovered = cluster.awaitNewerExecution(id, Duration.ofMinutes(2));
		long continued = System.nanoTime();
		Map<String, Object> execution = cluster.awaitEnd(recovered, Duration.ofMinutes(5));

		WorkerFailureIntegrationTests.figures("SIGTERM of the master (embedded servers inside) running the execution: "
				+ "exited " + exitCode + " after " + millis(stopping, exited) + " ms; the new master was healthy "
				+ millis(exited, started) + " ms later and continued execution " + id + " as " + recovered + " "
				+ millis(started, continued) + " ms after that (owner lease " + OWNER_LEASE + "); "
				+ succeededBefore.size() + " chunks had succeeded before; result " + execution.get("result"));
		assertThat(exitCode).isZero();
		assertThat(stoppedLog).contains("Master master-a handed executions [" + id + "] over")
			.doesNotContain("unknown state");
		assertThat(Duration.ofNanos(continued - started)).as("from the new master's start to the continued execution")
			.isLessThan(Duration.ofSeconds(10));
		assertHandedOver(id, "master-a", recovered, instance, execution, succeededBefore);
	}

	private static void assertHandedOver(long id, String master, long recovered, long instance,
			Map<String, Object> execution, Set<Integer> succeededBefore) throws Exception {
		assertExactResult(execution, ITEMS, Set.of(), CHUNK_SIZE);
		assertThat(instanceId(execution)).isEqualTo(instance);
		assertThat(recovered).isEqualTo(id + 1);
		Map<String, Object> handedOver = cluster.get("/api/executions/" + id).body();
		assertThat(handedOver.get("status")).isEqualTo("FAILED");
		assertThat(handedOver.get("exitCode")).isEqualTo("MASTER_HANDOVER");
		assertThat((String) handedOver.get("exitDescription"))
			.startsWith("Master " + master + " handed execution " + id + " over because it shut down");
		Map<Integer, Document> ledger = cluster.ledger(instance);
		assertThat(ledger).hasSize((int) (ITEMS / CHUNK_SIZE));
		assertThat(succeededBefore).hasSizeGreaterThanOrEqualTo(200);
		for (int index : succeededBefore) {
			assertThat(ledger.get(index).getInteger("attempt")).as("attempts of chunk %s", index).isEqualTo(1);
		}
	}

	private static Set<Integer> succeeded(long instance) {
		return cluster.ledger(instance)
			.values()
			.stream()
			.filter((chunk) -> "SUCCEEDED".equals(chunk.getString("status")))
			.map((chunk) -> chunk.getInteger("chunkIndex"))
			.collect(Collectors.toSet());
	}

	private static long millis(long fromNanos, long toNanos) {
		return (toNanos - fromNanos) / 1_000_000;
	}

}
