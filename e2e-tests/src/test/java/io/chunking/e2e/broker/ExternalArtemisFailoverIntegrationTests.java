package io.chunking.e2e.broker;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * The production topology of the broker: a standalone Apache Artemis primary/backup pair with replication (the
 * distribution's own {@code artemis create} and {@code artemis run}, see {@link ArtemisPair}) outside the master,
 * which hosts no broker. The master and two workers reach the pair through its HA URL. In the middle of a run the
 * primary is killed with SIGKILL: the clients fail over to the backup, the run ends {@code COMPLETED} with the
 * exact count and checksum, and every chunk of the ledger succeeded with its items written once. A worker started
 * after that, while the primary is still dead, reaches the backup through the same URL and runs a new execution,
 * exact too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalArtemisFailoverIntegrationTests {

	private static final int CHUNK_SIZE = 20;

	private static ArtemisPair brokers;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("artemis-failover", (cluster) -> {
		Optional<Path> home = ArtemisPair.distribution();
		assumeTrue(home.isPresent(), () -> "No Apache Artemis distribution at " + ArtemisPair.HOME_PROPERTY + "="
				+ System.getProperty(ArtemisPair.HOME_PROPERTY) + ": run the test through Maven (./mvnw verify), "
				+ "which unpacks org.apache.activemq:apache-artemis:bin:tar.gz into e2e-tests/target/artemis-distribution");
		brokers = cluster.closeAfterProcesses(ArtemisPair.start(home.get(), cluster.workingDir().resolve("artemis"),
				Path.of("target", "e2e-logs", "artemis-failover").toAbsolutePath()));
		String[] broker = { "--spring.artemis.broker-url=" + brokers.haUrl(),
				"--spring.artemis.user=" + ArtemisPair.USER, "--spring.artemis.password=" + ArtemisPair.PASSWORD };
		cluster.masterArgs(broker);
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=200ms",
				"--chunking.master.max-retry-backoff=1s");
		cluster.workerArgs(broker);
		cluster.workerArgs("--chunking.worker.lease=4s", "--chunking.worker.renew-interval=1s",
				"--chunking.worker.heartbeat-interval=1s");
		cluster.startMaster();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
	});

	@Test
	@Order(1)
	void aRunSurvivesTheDeathOfThePrimaryBrokerWithTheExactResult() throws Exception {
		assertThat(cluster.log("master")).as("the master hosts no broker of its own")
			.doesNotContain("Started embedded Artemis");
		long items = 20_000;
		long chunks = items / CHUNK_SIZE;
		long id = cluster.trigger("demo-checksum", Map.of("items", Long.toString(items), "chunkSize",
				Integer.toString(CHUNK_SIZE), "workMicros", "500"));
		cluster.awaitSucceeded(id, 100, Duration.ofMinutes(1));
		brokers.killPrimary();
		long killedAt = System.nanoTime();
		long succeededAtKill = succeeded(id);
		brokers.awaitBackupActive();
		long activeAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(2));

		assertThat(succeededAtKill).as("chunks succeeded when the primary died").isLessThan(chunks);
		assertExactResult(execution, items, Set.of(), CHUNK_SIZE);
		Map<Integer, Document> ledger = cluster.ledger(instanceId(execution));
		assertThat(ledger).hasSize((int) chunks);
		assertThat(ledger.values()).allSatisfy((chunk) -> {
			assertThat(chunk.getString("status")).isEqualTo("SUCCEEDED");
			assertThat(((Number) chunk.get("writeCount")).longValue()).isEqualTo(CHUNK_SIZE);
		});
		assertThat(((Map<?, ?>) execution.get("items")).get("written")).isEqualTo((int) items);
		// The master's management requests (queue depth) reach the backup now: its queue is empty.
		cluster.awaitMetric(ChunkingCluster.MASTER, "chunking_queue_depth{job=\"demo-checksum\"}", 0,
				Duration.ofSeconds(30));
		for (String process : new String[] { ChunkingCluster.MASTER, "worker-1", "worker-2" }) {
			assertThat(jmsHealth(process)).as("broker health of %s after the failover", process).isEqualTo("UP");
		}
		long retried = ledger.values().stream().filter((chunk) -> chunk.getInteger("attempt") > 1).count();
		System.out.println("[figures] primary broker killed (SIGKILL) after " + succeededAtKill + " of " + chunks
				+ " chunks succeeded; backup active " + activeAfterMillis + " ms after the kill; execution "
				+ execution.get("status") + " " + execution.get("startTime") + ".." + execution.get("endTime")
				+ ", chunks with attempt > 1: " + retried + ", result " + execution.get("result"));
	}

	@Test
	@Order(2)
	void aWorkerStartedWhileThePrimaryIsDeadServesARunThroughTheBackup() throws Exception {
		for (String worker : new String[] { "worker-1", "worker-2" }) {
			assertThat(ChunkingCluster.terminate(cluster.worker(worker), Duration.ofSeconds(30)))
				.as("exit code of %s", worker)
				.isZero();
		}
		cluster.startWorker("worker-3");
		long items = 2_000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", Integer.toString(CHUNK_SIZE)));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(1));

		assertExactResult(execution, items, Set.of(), CHUNK_SIZE);
		assertThat(cluster.ledger(instanceId(execution)).values())
			.allSatisfy((chunk) -> assertThat(chunk.getString("workerId")).isEqualTo("worker-3"));
	}

	private static long succeeded(long executionId) throws Exception {
		Map<?, ?> counts = (Map<?, ?>) cluster.get("/api/executions/" + executionId).body().get("chunks");
		return ((Number) counts.get("succeeded")).longValue();
	}

	private static Object jmsHealth(String process) throws Exception {
		Map<?, ?> components = (Map<?, ?>) cluster.health(process).body().get("components");
		return (components != null && components.get("jms") instanceof Map<?, ?> jms) ? jms.get("status") : null;
	}

}
