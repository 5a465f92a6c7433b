package io.chunking.e2e.resilience;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * Outages of the stores and the broker in the middle of a run. Each server (the Mongo-wire ledger, the S3-compatible
 * payload store, the Artemis broker with its persistent journal, and H2 as job repository) runs as a process of its
 * own; one of them is stopped for 15 s and started again on the same data while the master and two workers go on.
 * Master and workers ride it out with bounded retries, their health turns {@code DOWN} and back {@code UP}, and the
 * run ends {@code COMPLETED} with the exact result. An outage longer than the master's
 * {@code chunking.master.store-outage-limit} fails the run with an exit description naming the store, and a restart
 * completes it exactly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreOutageIntegrationTests {

	static final Duration OUTAGE = Duration.ofSeconds(15);

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("store-outages", (cluster) -> {
		cluster.startServers();
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=200ms",
				"--chunking.master.max-retry-backoff=1s");
		cluster.workerArgs(WorkerFailureIntegrationTests.WORKER_ARGS);
		cluster.startMaster();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
	});

	@Test
	@Order(1)
	void aMongoOutageIsRiddenOut() throws Exception {
		rideOut("mongo", "mongo");
	}

	@Test
	@Order(2)
	void anS3OutageIsRiddenOut() throws Exception {
		rideOut("s3", "s3");
	}

	@Test
	@Order(3)
	void aBrokerOutageIsRiddenOut() throws Exception {
		rideOut("broker", "jms");
	}

	@Test
	@Order(4)
	void anOutageLongerThanTheLimitFailsTheRunNamingTheStoreAndARestartCompletesIt() throws Exception {
		cluster.restartMaster("--chunking.master.store-outage-limit=5s");
		long items = 10_000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "workMicros", "500"));
		cluster.awaitSucceeded(id, 50, Duration.ofMinutes(2));
		cluster.stopServer("mongo");
		try {
			// The execution list reads the job repository only: it answers while MongoDB is away.
			awaitListed(id, "FAILED", Duration.ofMinutes(1));
			ChunkingCluster.Response view = cluster.get("/api/executions/" + id);
			assertThat(view.status()).as("the execution's view needs the ledger: %s", view.text()).isEqualTo(503);
			assertThat((String) view.body().get("message")).contains("MongoDB");
		}
		finally {
			cluster.startServer("mongo");
		}
		Map<String, Object> failed = cluster.awaitEnd(id, Duration.ofMinutes(1));
		assertThat(failed.get("status")).as("%s", failed).isEqualTo("FAILED");
		assertThat((String) failed.get("exitDescription")).contains("MongoDB could not be reached for ")
			.contains("longer than PT5S (chunking.master.store-outage-limit)");

		ChunkingCluster.Response restarted = cluster.post("/api/executions/" + id + "/restart", "");
		assertThat(restarted.status()).as(restarted.text()).isEqualTo(202);
		long again = ((Number) restarted.body().get("executionId")).longValue();
		Map<String, Object> execution = cluster.awaitEnd(again, Duration.ofMinutes(3));

		assertExactResult(execution, items, Set.of(), 20);
		WorkerFailureIntegrationTests.figures("MongoDB away longer than a 5 s store-outage-limit: execution " + id
				+ " FAILED naming it, its restart " + again + " COMPLETED; result " + execution.get("result"));
	}

	@Test
	@Order(5)
	void aStartWithAStoreDownStopsAtOnceNamingTheStoreItsUrlAndItsSetting() throws Exception {
		assertStartFails("mongo", "master-without-mongo", "MongoDB at " + cluster.mongoUri() + " could not be reached",
				"chunking.store.mongo.uri");
		assertStartFails("jdbc", "master-without-jdbc",
				"the job repository's database at jdbc:h2:tcp://127.0.0.1:", "spring.datasource.url");
		assertStartFails("broker", "worker-without-broker",
				"the Artemis broker at " + cluster.brokerUrl() + " could not be reached", "spring.artemis.broker-url");
	}

	@Test
	@Order(6)
	void aStartWaitsForAStoreThatComesBackWithinTheWaitAllowed() throws Exception {
		String name = "master-waiting-for-mongo";
		cluster.stopServer("mongo");
		Process master;
		try {
			master = cluster.launchMaster(name, "--server.port=" + ChunkingCluster.freePort(),
					"--chunking.startup.wait=3m", "--chunking.startup.retry-interval=1s");
			cluster.awaitLog(name, "MongoDB at " + cluster.mongoUri() + " is not reachable yet", master);
		}
		finally {
			cluster.startServer("mongo");
		}
		cluster.awaitLog(name, "Started MasterApplication", master);
		assertThat(cluster.log(name)).contains("MongoDB at " + cluster.mongoUri() + " answered after");
		assertThat(ChunkingCluster.terminate(master, Duration.ofSeconds(60))).isIn(0, 143);
	}

	/**
	 * Stops {@code server}, starts a master (or, for a name starting with "worker", a worker) and expects it to end
	 * within a minute with Spring Boot's failure report naming the store, its URL and the setting, no stack trace.
	 */
	private static void assertStartFails(String server, String name, String reached, String setting)
			throws Exception {
		cluster.stopServer(server);
		try {
			long started = System.nanoTime();
			Process process = name.startsWith("worker") ? cluster.launchWorker(name)
					: cluster.launchMaster(name, "--server.port=" + ChunkingCluster.freePort());
			assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("%s ended within 90 s", name).isTrue();
			long seconds = (System.nanoTime() - started) / 1_000_000_000;
			String log = cluster.log(name);
			assertThat(process.exitValue()).as(log).isNotZero();
			assertThat(log).contains("APPLICATION FAILED TO START")
				.contains(reached)
				.contains("or correct " + setting)
				.contains("set chunking.startup.wait")
				.doesNotContain("\tat ");
			WorkerFailureIntegrationTests.figures(name + ": start stopped after " + seconds + " s with " + server
					+ " down: " + log.lines().filter((line) -> line.contains(reached)).findFirst().orElse(""));
		}
		finally {
			cluster.startServer(server);
		}
	}

	/**
	 * Stops {@code server} for {@link #OUTAGE} in the middle of a run, checks that the master's health component
	 * {@code health} turns DOWN and back UP, and that the run ends exact.
	 */
	private void rideOut(String server, String health) throws Exception {
		long items = 20_000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "workMicros", "500"));
		cluster.awaitSucceeded(id, 100, Duration.ofMinutes(2));
		long stoppedAt = System.nanoTime();
		cluster.stopServer(server);
		String down;
		try {
			down = awaitHealth(health, "DOWN", Duration.ofSeconds(12));
			Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
		}
		finally {
			cluster.startServer(server);
		}
		String up = awaitHealth(health, "UP", Duration.ofSeconds(30));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(4));

		assertExactResult(execution, items, Set.of(), 20);
		WorkerFailureIntegrationTests.figures(server + " stopped for " + OUTAGE.toSeconds() + " s after 100 of 1000 "
				+ "chunks: master health " + health + " " + down + " then " + up + "; execution "
				+ execution.get("status") + " in " + execution.get("startTime") + ".." + execution.get("endTime")
				+ ", result " + execution.get("result"));
	}

	/** Waits until the execution is listed with the status. */
	private static void awaitListed(long id, String status, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			ChunkingCluster.Response listed = cluster.get("/api/executions?status=" + status + "&size=50");
			List<?> executions = (List<?>) listed.body().get("executions");
			if (executions != null && executions.stream()
				.anyMatch((execution) -> ((Number) ((Map<?, ?>) execution).get("id")).longValue() == id)) {
				return;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Execution " + id + " was not listed " + status + " within " + timeout);
	}

	/** Waits until the master's health component has the status, and says after how long. */
	private static String awaitHealth(String component, String status, Duration timeout) throws Exception {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		Object last = null;
		while (System.nanoTime() < deadline) {
			Map<?, ?> components = (Map<?, ?>) cluster.health(ChunkingCluster.MASTER).body().get("components");
			last = (components != null && components.get(component) instanceof Map<?, ?> details)
					? details.get("status") : null;
			if (status.equals(last)) {
				return status + " after " + (System.nanoTime() - started) / 1_000_000 + " ms";
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Health of " + component + " was " + last + ", not " + status + ", for " + timeout);
	}

}
