package io.chunking.samples.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chunking.samples.testing.ChunkingCluster;

/**
 * Two masters sharing the same stores and one worker, with a schedule that fires every two seconds on both
 * masters: every fire time starts exactly one execution, and none is missing.
 */
class ScheduledExecutionsIntegrationTests {

	private static final Duration FIRING = Duration.ofSeconds(20);

	@TempDir
	static Path dataDir;

	static ChunkingCluster cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = new ChunkingCluster(dataDir, "scheduled-executions");
		cluster.masterArgs("--chunking.schedules[0].name=every-2s", "--chunking.schedules[0].job=demo-checksum",
				"--chunking.schedules[0].cron=*/2 * * * * *", "--chunking.schedules[0].parameters.items=200",
				"--chunking.schedules[0].parameters.chunkSize=100");
		cluster.startMaster();
		cluster.startPeerMaster("master-b");
		cluster.startWorker("worker-s");
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void eachFireTimeStartsExactlyOneExecutionAcrossTwoMasters() throws Exception {
		// Fire times before this moment may have fired while the masters were starting: count from here.
		Instant from = Instant.now();
		Thread.sleep(FIRING.toMillis());
		Instant until = Instant.now();
		ChunkingCluster.Response paused = cluster.post("/api/schedules/every-2s/pause", "");
		assertThat(paused.body()).containsEntry("paused", true);

		Map<Instant, List<Long>> executionsByFireTime = new TreeMap<>();
		ChunkingCluster.Response listed = cluster.get("/api/executions?jobName=demo-checksum&size=500");
		for (Map<String, Object> summary : (List<Map<String, Object>>) listed.body().get("executions")) {
			long id = ((Number) summary.get("id")).longValue();
			Map<String, Object> execution = cluster.get("/api/executions/" + id).body();
			assertThat(execution.get("schedule")).isEqualTo("every-2s");
			Instant fireTime = Instant.parse((String) execution.get("fireTime"));
			executionsByFireTime.computeIfAbsent(fireTime, (time) -> new ArrayList<>()).add(id);
		}
		executionsByFireTime.forEach((fireTime, ids) -> assertThat(ids).as("executions for %s", fireTime).hasSize(1));

		List<Instant> inWindow = executionsByFireTime.keySet()
			.stream()
			.filter((time) -> !time.isBefore(from) && !time.isAfter(until))
			.toList();
		// Every even second of the window, allowing one boundary at each end.
		long expected = Duration.between(from, until).toSeconds() / 2;
		assertThat(inWindow).as("fire times in the window %s..%s", from, until).hasSizeGreaterThanOrEqualTo((int) expected - 1);
		for (int i = 1; i < inWindow.size(); i++) {
			assertThat(Duration.between(inWindow.get(i - 1), inWindow.get(i))).as("gap before %s", inWindow.get(i))
				.isEqualTo(Duration.ofSeconds(2));
		}
		assertThat(cluster.log("master")).contains("Schedule 'every-2s' fired for");
		assertThat(cluster.log("master-b")).contains("Scheduler started with 1 schedule(s)");

		for (List<Long> ids : executionsByFireTime.values()) {
			Map<String, Object> ended = cluster.awaitEnd(ids.get(0), Duration.ofMinutes(2));
			assertThat(ended.get("status")).as("%s", ended).isEqualTo("COMPLETED");
		}
	}

}
