package io.chunking.e2e.operations;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * Two masters sharing the same stores and one worker, with a schedule that fires every two seconds on both
 * masters (which both wake at each fire time and contend for it): every fire time is taken by exactly one master
 * with the compare-and-set on the schedule's {@code handledUntil}, which advances from one fire time to the next
 * without gaps, and is launched once; each execution completes with the exact result.
 */
class ScheduledExecutionsIntegrationTests {

	static final String SCHEDULE = "every-2s";

	static final long ITEMS = 200;

	private static final Duration FIRING = Duration.ofSeconds(20);

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("scheduled-executions", (cluster) -> {
		cluster.masterArgs(scheduleArgs());
		cluster.masterArgs("--chunking.master.id=master-a");
		cluster.startMaster();
		cluster.startPeerMaster("master-b", "--chunking.master.id=master-b");
		cluster.startWorker("worker-s");
	});

	static String[] scheduleArgs() {
		return new String[] { "--chunking.schedules[0].name=" + SCHEDULE, "--chunking.schedules[0].job=demo-checksum",
				"--chunking.schedules[0].cron=*/2 * * * * *", "--chunking.schedules[0].parameters.items=" + ITEMS,
				"--chunking.schedules[0].parameters.chunkSize=100" };
	}

	@Test
	void eachFireTimeIsTakenByOneOfTwoMastersAndLaunchedOnce() throws Exception {
		// Fire times before this moment may have fired while the masters were starting: count from here.
		Instant from = Instant.now();
		Thread.sleep(FIRING.toMillis());
		Instant until = Instant.now();
		ChunkingCluster.Response paused = cluster.post("/api/schedules/" + SCHEDULE + "/pause", "");
		assertThat(paused.body()).containsEntry("paused", true);
		// A launch in progress when the schedule was paused still gets recorded.
		Thread.sleep(2000);

		Document schedule = cluster.schedule(SCHEDULE);
		List<Document> firings = firings(schedule);
		Map<String, Long> takenBy = firings.stream()
			.collect(Collectors.groupingBy((firing) -> firing.getString("takenBy"), TreeMap::new,
					Collectors.counting()));
		System.out.println("[figures] schedule every 2 s on two masters: " + firings.size() + " fire times taken, by "
				+ takenBy);
		assertEveryFireTimeTakenOnceWithoutGaps(schedule, firings);
		for (Document firing : firings) {
			assertThat(firing.getInteger("launches")).as("launches of fire time %s", fireTime(firing)).isEqualTo(1);
		}
		assertThat(takenBy.keySet()).isSubsetOf(Set.of("master-a", "master-b"));
		for (String master : List.of("master", "master-b")) {
			assertThat(cluster.log(master)).as("log of %s", master)
				.doesNotContain("had been launched before")
				.doesNotContain("took it over");
		}

		List<Instant> inWindow = firings.stream()
			.map(ScheduledExecutionsIntegrationTests::fireTime)
			.filter((time) -> !time.isBefore(from) && !time.isAfter(until))
			.toList();
		// Every even second of the window, allowing one boundary at each end.
		long expected = Duration.between(from, until).toSeconds() / 2;
		assertThat(inWindow).as("fire times in the window %s..%s", from, until)
			.hasSizeGreaterThanOrEqualTo((int) expected - 1);
		assertOneCompletedExecutionPerFireTime(cluster, firings);
	}

	/**
	 * What the compare-and-set on {@code handledUntil} guarantees: each take moved it from the fire time before
	 * (recorded as {@code previous}) to the next one, so every fire time was taken exactly once, by one master, and
	 * none was left out.
	 */
	static void assertEveryFireTimeTakenOnceWithoutGaps(Document schedule, List<Document> firings) {
		assertThat(firings).as("fire times taken").hasSizeGreaterThan(3);
		for (int i = 0; i < firings.size(); i++) {
			Document firing = firings.get(i);
			Instant fireTime = fireTime(firing);
			assertThat(firing.getInteger("takes")).as("times fire time %s was taken (by %s)", fireTime,
					firing.getString("takenBy")).isEqualTo(1);
			assertThat(firing.getBoolean("launch")).as("fire time %s launched", fireTime).isTrue();
			assertThat(firing.get("executionId")).as("execution of fire time %s", fireTime).isNotNull();
			Instant previous = firing.getDate("previous").toInstant();
			if (i > 0) {
				assertThat(previous).as("handledUntil before fire time %s", fireTime)
					.isEqualTo(fireTime(firings.get(i - 1)));
			}
			assertThat(Duration.between(previous, fireTime)).as("gap before fire time %s", fireTime)
				.isLessThanOrEqualTo(Duration.ofSeconds(2));
		}
		assertThat(schedule.getDate("handledUntil").toInstant()).isEqualTo(fireTime(firings.get(firings.size() - 1)));
	}

	/** Every fire time has exactly one execution, which completed with the exact result. */
	static void assertOneCompletedExecutionPerFireTime(ChunkingCluster cluster, List<Document> firings)
			throws Exception {
		Map<Instant, List<Long>> executionsByFireTime = new TreeMap<>();
		ChunkingCluster.Response listed = cluster.get("/api/executions?jobName=demo-checksum&size=500");
		for (Map<String, Object> summary : (List<Map<String, Object>>) listed.body().get("executions")) {
			long id = ((Number) summary.get("id")).longValue();
			Map<String, Object> execution = cluster.get("/api/executions/" + id).body();
			assertThat(execution.get("schedule")).isEqualTo(SCHEDULE);
			executionsByFireTime.computeIfAbsent(Instant.parse((String) execution.get("fireTime")),
					(time) -> new ArrayList<>()).add(id);
		}
		for (Document firing : firings) {
			long id = ((Number) firing.get("executionId")).longValue();
			assertThat(executionsByFireTime.get(fireTime(firing))).as("executions for %s", fireTime(firing))
				.containsExactly(id);
			Map<String, Object> ended = cluster.awaitEnd(id, Duration.ofMinutes(2));
			assertExactResult(ended, ITEMS);
		}
	}

	/** The fire times a schedule's document records, oldest first. */
	static List<Document> firings(Document schedule) {
		Document firings = schedule.get("firings", Document.class);
		return firings.values()
			.stream()
			.map(Document.class::cast)
			.sorted(Comparator.comparing(ScheduledExecutionsIntegrationTests::fireTime))
			.toList();
	}

	static Instant fireTime(Document firing) {
		return firing.getDate("fireTime").toInstant();
	}

}
