package io.chunking.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * Two masters run a schedule that fires every two seconds; one of them is killed with {@code kill -9} after it took
 * a fire time and before it launched it (the test hook {@code chunking.scheduler.test.pause-after-take} holds it
 * there). The other master takes the fire time over once its launch deadline has passed and launches it: the
 * firing is not lost, it has exactly one execution with the exact result, and no fire time after it is lost.
 */
class ScheduleFailoverIntegrationTests {

	private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(5);

	private static final Pattern PAUSED = Pattern.compile("Test hook chunking\\.scheduler\\.test\\.pause-after-take: "
			+ "schedule '" + ScheduledExecutionsIntegrationTests.SCHEDULE + "' took fire time (\\S+);");

	static Process paused;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("schedule-failover", (cluster) -> {
		cluster.masterArgs(ScheduledExecutionsIntegrationTests.scheduleArgs());
		cluster.masterArgs("--chunking.master.id=master-a",
				"--chunking.scheduler.launch-timeout=" + LAUNCH_TIMEOUT.toSeconds() + "s");
		cluster.startMaster();
		cluster.startWorker("worker-s");
		paused = cluster.startPeerMaster("master-b", "--chunking.master.id=master-b",
				"--chunking.scheduler.test.pause-after-take=10m");
	});

	@Test
	void fireTimeOfAMasterKilledBetweenTakingAndLaunchingItIsLaunchedByTheOtherMaster() throws Exception {
		// Both masters contend for every fire time; master-b stops after the first one it wins.
		cluster.awaitLog("master-b", "Test hook chunking.scheduler.test.pause-after-take", paused);
		Matcher matcher = PAUSED.matcher(cluster.log("master-b"));
		assertThat(matcher.find()).isTrue();
		Instant fireTime = Instant.parse(matcher.group(1));
		ChunkingCluster.signal(paused, "KILL");
		assertThat(paused.waitFor(30, TimeUnit.SECONDS)).isTrue();
		long killed = System.nanoTime();

		cluster.awaitLog("master", "fire time " + fireTime + ", taken by master master-b, was not launched by",
				cluster.master());
		long tookOver = System.nanoTime();
		// A few more fire times, taken by master-a alone.
		Thread.sleep(6000);
		cluster.post("/api/schedules/" + ScheduledExecutionsIntegrationTests.SCHEDULE + "/pause", "");
		Thread.sleep(2000);

		Document schedule = cluster.schedule(ScheduledExecutionsIntegrationTests.SCHEDULE);
		List<Document> firings = ScheduledExecutionsIntegrationTests.firings(schedule);
		Document lostOne = firings.stream()
			.filter((firing) -> ScheduledExecutionsIntegrationTests.fireTime(firing).equals(fireTime))
			.findFirst()
			.orElseThrow();
		List<Document> after = firings.stream()
			.filter((firing) -> ScheduledExecutionsIntegrationTests.fireTime(firing).isAfter(fireTime))
			.toList();
		System.out.println("[figures] schedule fail-over: master-b killed after taking fire time " + fireTime
				+ "; master-a took it over " + (tookOver - killed) / 1_000_000 + " ms after the kill (launch timeout "
				+ LAUNCH_TIMEOUT + ") and launched it as execution " + lostOne.get("executionId") + "; "
				+ after.size() + " fire times after it, all taken by master-a");
		assertThat(lostOne.getString("takenBy")).isEqualTo("master-a");
		assertThat(lostOne.getInteger("launches")).as("launch attempts of the taken-over fire time").isEqualTo(1);
		assertThat(after).as("fire times after the killed master's").hasSizeGreaterThanOrEqualTo(3);
		assertThat(after).allSatisfy((firing) -> {
			assertThat(firing.getString("takenBy")).isEqualTo("master-a");
			assertThat(firing.getInteger("launches")).isEqualTo(1);
		});
		ScheduledExecutionsIntegrationTests.assertEveryFireTimeTakenOnceWithoutGaps(schedule, firings);
		ScheduledExecutionsIntegrationTests.assertOneCompletedExecutionPerFireTime(cluster, firings);
	}

}
