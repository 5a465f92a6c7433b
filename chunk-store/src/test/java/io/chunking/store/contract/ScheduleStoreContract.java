package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chunking.store.Firing;
import io.chunking.store.ScheduleState;
import io.chunking.store.ScheduleStore;

/**
 * What every {@link ScheduleStore} guarantees: the two phases of a fire time (one master takes it, the record of
 * the take says by whom and after which fire time, and a pending fire time whose deadline passed is taken over by
 * exactly one master), pause and resume. Each backend's test subclasses it and supplies an empty store.
 */
public abstract class ScheduleStoreContract {

	protected static final Instant T = Instant.parse("2026-11-28T02:00:00Z");

	protected ScheduleStore store;

	/** A store without any schedule. */
	protected abstract ScheduleStore createStore();

	@BeforeEach
	void createEmptyStore() {
		this.store = createStore();
	}

	@Test
	void ensureCreatesANewScheduleHandledUntilNowAndThenOnlyReadsIt() {
		assertThat(this.store.find("nightly")).isEmpty();

		ScheduleState created = this.store.ensure("nightly", T);

		assertThat(created).isEqualTo(new ScheduleState("nightly", false, T, null, null, null, List.of()));
		assertThat(this.store.ensure("nightly", T.plusSeconds(60))).as("existing").isEqualTo(created);
		assertThat(this.store.find("nightly")).contains(created);
	}

	@Test
	void ofTwoMastersThatSeeTheSameStateOnlyOneTakesTheFireTime() {
		ScheduleState state = this.store.ensure("nightly", T);
		Instant fireTime = T.plusSeconds(60);
		assertThat(this.store.take(state, fireTime, true, "master-a", fireTime.plusSeconds(30))).isTrue();
		assertThat(this.store.take(state, fireTime, true, "master-b", fireTime.plusSeconds(30))).isFalse();

		ScheduleState taken = this.store.find("nightly").orElseThrow();
		assertThat(taken.handledUntil()).isEqualTo(fireTime);
		assertThat(taken.lastFireTime()).isEqualTo(fireTime);
		assertThat(taken.lastFiredBy()).isEqualTo("master-a");
		assertThat(taken.lastExecutionId()).isNull();
		assertThat(taken.firings()).containsExactly(
				new Firing(fireTime, T, true, "master-a", fireTime.plusSeconds(30), 1, 0, null, false));
		Firing firing = taken.firings().get(0);
		assertThat(firing.pending()).isTrue();
		assertThat(firing.overdue(fireTime.plusSeconds(29))).isFalse();
		assertThat(firing.overdue(fireTime.plusSeconds(31))).isTrue();
	}

	@Test
	void aFireTimeSkippedAsAMisfireIsHandledButNotPending() {
		ScheduleState state = this.store.ensure("nightly", T);
		Instant fireTime = T.plusSeconds(60);

		assertThat(this.store.take(state, fireTime, false, "master-a", null)).isTrue();

		ScheduleState skipped = this.store.find("nightly").orElseThrow();
		assertThat(skipped.handledUntil()).isEqualTo(fireTime);
		assertThat(skipped.lastFireTime()).as("nothing launched").isNull();
		assertThat(skipped.firings())
			.containsExactly(new Firing(fireTime, T, false, "master-a", null, 1, 0, null, false));
		assertThat(skipped.overdue(fireTime.plusSeconds(3600))).isEmpty();
	}

	@Test
	void aFireTimeNotLaunchedByItsDeadlineIsTakenOverByOneMasterAndLaunchedOnce() {
		Instant fireTime = T.plusSeconds(60);
		this.store.take(this.store.ensure("nightly", T), fireTime, true, "master-a", fireTime.plusSeconds(30));
		Instant later = fireTime.plusSeconds(31);
		Firing overdue = this.store.find("nightly").orElseThrow().overdue(later).get(0);

		assertThat(this.store.takeOver("nightly", overdue, "master-b", later.plusSeconds(30))).isTrue();
		assertThat(this.store.takeOver("nightly", overdue, "master-c", later.plusSeconds(30))).isFalse();
		this.store.launching("nightly", fireTime, "master-b");
		this.store.recordExecution("nightly", fireTime, 7);

		ScheduleState state = this.store.find("nightly").orElseThrow();
		assertThat(state.overdue(later.plusSeconds(3600))).isEmpty();
		assertThat(state.lastExecutionId()).isEqualTo(7);
		assertThat(state.firings())
			.containsExactly(new Firing(fireTime, T, true, "master-b", later.plusSeconds(30), 1, 1, 7L, false));
		assertThat(this.store.takeOver("nightly", overdue, "master-c", later.plusSeconds(60))).as("once launched")
			.isFalse();
	}

	@Test
	void aFireTimeIsAbandonedOnceAndNoLongerPending() {
		Instant fireTime = T.plusSeconds(60);
		this.store.take(this.store.ensure("nightly", T), fireTime, true, "master-a", fireTime.plusSeconds(30));
		Firing overdue = this.store.find("nightly").orElseThrow().firings().get(0);

		assertThat(this.store.abandon("nightly", overdue)).isTrue();
		assertThat(this.store.abandon("nightly", overdue)).as("already abandoned").isFalse();

		Firing abandoned = this.store.find("nightly").orElseThrow().firings().get(0);
		assertThat(abandoned.abandoned()).isTrue();
		assertThat(abandoned.pending()).isFalse();
	}

	@Test
	void anExecutionOfAnEarlierFireTimeIsNotTheLastExecution() {
		Instant first = T.plusSeconds(60);
		Instant second = T.plusSeconds(120);
		this.store.take(this.store.ensure("nightly", T), first, true, "master-a", first.plusSeconds(30));
		this.store.take(this.store.find("nightly").orElseThrow(), second, true, "master-a", second.plusSeconds(30));

		this.store.recordExecution("nightly", first, 7);

		ScheduleState state = this.store.find("nightly").orElseThrow();
		assertThat(state.lastFireTime()).isEqualTo(second);
		assertThat(state.lastExecutionId()).isNull();
		assertThat(state.firings()).extracting(Firing::executionId).containsExactly(7L, null);
	}

	@Test
	void fireTimesAreRecordedAsAChainAndOnlyTheLatestResolvedOnesAreKept() {
		Instant handled = T;
		for (int i = 1; i <= ScheduleStore.KEPT_FIRINGS + 5; i++) {
			Instant fireTime = T.plusSeconds(i);
			ScheduleState state = this.store.ensure("often", T);
			assertThat(this.store.take(state, fireTime, true, "master-a", fireTime.plusSeconds(30))).isTrue();
			this.store.recordExecution("often", fireTime, i);
			handled = fireTime;
		}
		ScheduleState state = this.store.find("often").orElseThrow();
		assertThat(state.handledUntil()).isEqualTo(handled);
		assertThat(state.firings()).hasSize(ScheduleStore.KEPT_FIRINGS);
		for (int i = 1; i < state.firings().size(); i++) {
			assertThat(state.firings().get(i).previous()).isEqualTo(state.firings().get(i - 1).fireTime());
		}
		assertThat(state.firings().get(state.firings().size() - 1).executionId())
			.isEqualTo(ScheduleStore.KEPT_FIRINGS + 5);
	}

	@Test
	void aPausedScheduleIsNotTaken() {
		ScheduleState state = this.store.ensure("nightly", T);
		this.store.pause("nightly");

		assertThat(this.store.find("nightly").orElseThrow().paused()).isTrue();
		assertThat(this.store.take(state, T.plusSeconds(60), true, "master-a", T.plusSeconds(90))).isFalse();
	}

	@Test
	void resumeDoesNotCatchUpTheFireTimesThatPassedWhilePaused() {
		this.store.ensure("nightly", T);
		this.store.pause("nightly");

		this.store.resume("nightly", T.plusSeconds(3600));
		this.store.resume("nightly", T.plusSeconds(7200));

		ScheduleState resumed = this.store.find("nightly").orElseThrow();
		assertThat(resumed.paused()).isFalse();
		assertThat(resumed.handledUntil()).as("from the first resume only").isEqualTo(T.plusSeconds(3600));
		assertThat(this.store.take(resumed, T.plusSeconds(3660), true, "master-a", T.plusSeconds(3690))).isTrue();
	}

}
