package io.chunking.e2e.operations;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import tools.jackson.core.type.TypeReference;

/**
 * Adding a worker node is starting one more process: it shows in {@code /api/workers} within a heartbeat and takes
 * chunks of the execution already running. A worker killed with {@code kill -9} shows as {@code LOST} within its
 * lease.
 */
class WorkerMembershipIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(4);

	private static final Duration HEARTBEAT = Duration.ofSeconds(1);

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("worker-membership", (cluster) -> {
		cluster.workerArgs("--chunking.worker.lease=" + LEASE.toSeconds() + "s", "--chunking.worker.renew-interval=1s",
				"--chunking.worker.heartbeat-interval=" + HEARTBEAT.toSeconds() + "s");
		cluster.startMaster();
		cluster.startWorker("first");
	});

	@Test
	void workerStartedMidRunJoinsWithinAHeartbeatTakesChunksAndIsLostWithinItsLeaseAfterKill9() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "60000", "chunkSize", "100", "workMicros", "300"));
		cluster.awaitSucceeded(id, 30, Duration.ofMinutes(2));

		Process second = cluster.startWorker("second");
		Instant started = Instant.now();
		Map<String, Object> joined = awaitWorker("second", "ACTIVE", Duration.ofSeconds(30));
		Duration toJoin = Duration.between(started, Instant.now());
		assertThat(toJoin).as("listed within one heartbeat of being ready").isLessThanOrEqualTo(HEARTBEAT.plusSeconds(2));
		assertThat(joined.get("jobs")).asList().contains("demo-checksum");
		assertThat(((Number) joined.get("pid")).longValue()).isEqualTo(second.pid());
		assertThat((String) joined.get("host")).isNotBlank();
		assertThat(joined.get("startedAt")).isNotNull();

		Map<String, Object> done = cluster.awaitEnd(id, Duration.ofMinutes(3));
		assertExactResult(done, 60_000);
		long instance = ((Number) done.get("jobInstanceId")).longValue();
		long bySecond = cluster.ledger(instance)
			.values()
			.stream()
			.filter((chunk) -> "second".equals(chunk.getString("workerId")))
			.count();
		assertThat(bySecond).as("chunks of the running execution taken by the worker that joined").isPositive();
		Map<String, Object> listed = awaitWorker("second", "ACTIVE", Duration.ofSeconds(5));
		assertThat(((Number) listed.get("chunksDone")).longValue()).isGreaterThanOrEqualTo(bySecond);

		ChunkingCluster.signal(second, "KILL");
		Instant killed = Instant.now();
		awaitWorker("second", "LOST", LEASE.plus(HEARTBEAT).plusSeconds(5));
		Duration toLost = Duration.between(killed, Instant.now());
		assertThat(toLost).as("LOST within the lease (plus one heartbeat of staleness)")
			.isLessThanOrEqualTo(LEASE.plus(HEARTBEAT).plusSeconds(1));
		assertThat(awaitWorker("first", "ACTIVE", Duration.ofSeconds(5))).isNotNull();
	}

	private static Map<String, Object> awaitWorker(String workerId, String state, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Map<String, Object>> workers = List.of();
		while (System.nanoTime() < deadline) {
			workers = cluster.json().readValue(cluster.get("/api/workers").text(), new TypeReference<>() {
			});
			Optional<Map<String, Object>> worker = workers.stream()
				.filter((candidate) -> workerId.equals(candidate.get("id")) && state.equals(candidate.get("state")))
				.findFirst();
			if (worker.isPresent()) {
				return worker.get();
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Worker " + workerId + " was not " + state + " within " + timeout + ": " + workers);
	}

}
