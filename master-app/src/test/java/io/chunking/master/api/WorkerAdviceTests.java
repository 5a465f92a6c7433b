package io.chunking.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chunking.store.ChunkTiming;

class WorkerAdviceTests {

	@Test
	void twiceAsManyWorkersAreAdvisedWithBothTimes() {
		WorkerAdvice advice = WorkerAdvice.of("demo-checksum", List.of(12L), 4200, 4, 2, 2, 1.8);

		assertThat(advice.finishSeconds()).isEqualTo(3780);
		assertThat(advice.advice()).isEqualTo("2 more workers would finish in about 32 min instead of 63 min");
		assertThat(advice.estimate()).isTrue();
	}

	@Test
	void theConcurrencyOfTheWorkersSharesTheQueue() {
		WorkerAdvice advice = WorkerAdvice.of("demo", List.of(1L), 100, 0, 1, 4, 2.0);

		assertThat(advice.finishSeconds()).isEqualTo(50);
		assertThat(advice.advice()).isEqualTo("1 more worker would finish in about 25 s instead of 50 s");
	}

	@Test
	void withoutWorkersTheAdviceIsToStartOne() {
		WorkerAdvice advice = WorkerAdvice.of("demo", List.of(1L), 100, 0, 0, 0, 2.0);

		assertThat(advice.finishSeconds()).isNull();
		assertThat(advice.advice()).isEqualTo("no worker runs this job: start one");
		assertThat(advice.estimate()).isTrue();
	}

	@Test
	void beforeAnyChunkSucceededNoTimeIsGiven() {
		WorkerAdvice advice = WorkerAdvice.of("demo", List.of(1L), 100, 2, 2, 2, null);

		assertThat(advice.finishSeconds()).isNull();
		assertThat(advice.advice()).startsWith("2 more workers would finish about twice as fast;");
	}

	@Test
	void durationsReadInSecondsMinutesOrHours() {
		assertThat(WorkerAdvice.duration(89)).isEqualTo("89 s");
		assertThat(WorkerAdvice.duration(90)).isEqualTo("2 min");
		assertThat(WorkerAdvice.duration(5_340)).isEqualTo("89 min");
		assertThat(WorkerAdvice.duration(9_000)).isEqualTo("2.5 h");
	}

	@Test
	void theChunkDurationIsTheMedianOfTheLast200ToFinish() {
		Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
		List<ChunkTiming> timings = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			// The 100 that finished first took 60 s each, the last 200 one to two seconds.
			long millis = (i < 100) ? 60_000 : 1_000 + (i - 100) * 5;
			Instant finished = t0.plusSeconds(i);
			timings.add(new ChunkTiming(i, finished.minusMillis(millis), finished));
		}

		assertThat(WorkerAdvisor.medianSeconds(timings)).isEqualTo(1.5);
		assertThat(WorkerAdvisor.medianSeconds(List.of())).isNull();
	}

}
