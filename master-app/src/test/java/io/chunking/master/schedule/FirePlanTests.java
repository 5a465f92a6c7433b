package io.chunking.master.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FirePlanTests {

	private static final Duration THRESHOLD = Duration.ofSeconds(30);

	private static final Instant T = Instant.parse("2026-11-23T02:00:00Z");

	@Test
	void nothingIsDueBeforeTheNextFireTime() {
		Schedule hourly = schedule("0 0 * * * *", MisfirePolicy.RUN_ONCE);
		assertThat(FirePlan.at(hourly, T, T.plusSeconds(3599), THRESHOLD)).isEqualTo(FirePlan.NOTHING_DUE);
	}

	@Test
	void aFireTimeSeenOnTimeIsLaunchedWhateverThePolicy() {
		for (MisfirePolicy policy : MisfirePolicy.values()) {
			FirePlan plan = FirePlan.at(schedule("0 0 * * * *", policy), T, T.plusSeconds(3601), THRESHOLD);
			assertThat(plan.fireTime()).isEqualTo(T.plusSeconds(3600));
			assertThat(plan.launch()).as("%s", policy).isTrue();
			assertThat(plan.missed()).isEqualTo(1);
		}
	}

	@Test
	void afterAnOutageRunOnceLaunchesOnlyTheLatestMissedFireTime() {
		Instant backAt = T.plus(Duration.ofHours(5)).plusSeconds(600);
		FirePlan plan = FirePlan.at(schedule("0 0 * * * *", MisfirePolicy.RUN_ONCE), T, backAt, THRESHOLD);
		assertThat(plan.fireTime()).isEqualTo(T.plus(Duration.ofHours(5)));
		assertThat(plan.launch()).isTrue();
		assertThat(plan.missed()).isEqualTo(5);
	}

	@Test
	void afterAnOutageSkipLaunchesNothingButMarksTheFireTimesHandled() {
		Instant backAt = T.plus(Duration.ofHours(5)).plusSeconds(600);
		FirePlan plan = FirePlan.at(schedule("0 0 * * * *", MisfirePolicy.SKIP), T, backAt, THRESHOLD);
		assertThat(plan.fireTime()).isEqualTo(T.plus(Duration.ofHours(5)));
		assertThat(plan.launch()).isFalse();
		FirePlan next = FirePlan.at(schedule("0 0 * * * *", MisfirePolicy.SKIP), plan.fireTime(),
				T.plus(Duration.ofHours(6)).plusSeconds(1), THRESHOLD);
		assertThat(next.launch()).as("the next fire time is on time again").isTrue();
	}

	@Test
	void skipStillLaunchesAFireTimeSeenWithinTheThreshold() {
		FirePlan plan = FirePlan.at(schedule("0 0 * * * *", MisfirePolicy.SKIP), T, T.plusSeconds(3625), THRESHOLD);
		assertThat(plan.launch()).isTrue();
	}

	@Test
	void cronIsEvaluatedInTheScheduleZone() {
		Schedule paris = new Schedule("s", "job", "0 0 3 * * *", ZoneId.of("Europe/Paris"), Map.of(),
				MisfirePolicy.RUN_ONCE, "configuration");
		assertThat(paris.nextFireTime(T)).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
	}

	private static Schedule schedule(String cron, MisfirePolicy policy) {
		return new Schedule("s", "job", cron, ZoneId.of("UTC"), Map.of(), policy, "configuration");
	}

}
