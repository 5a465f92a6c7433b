package io.chunking.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkStatus;

class ExecutionRatesTests {

	private final AtomicLong nanoTime = new AtomicLong();

	private final ExecutionRates rates = new ExecutionRates(this.nanoTime::get);

	private static final ChunkCounts QUARTER_DONE = new ChunkCounts(
			Map.of(ChunkStatus.SUCCEEDED, 20L, ChunkStatus.DEAD, 5L, ChunkStatus.PENDING, 75L));

	@Test
	void theRecentRateIsOverTheLast30SecondsOfSamplesAndTheAverageOverTheWholeRun() {
		ExecutionRates.Rates first = running(1, 600, 1_000);
		assertThat(first.recentItemsPerSecond()).as("one sample").isNull();
		assertThat(first.averageItemsPerSecond()).isEqualTo(1_000 / 600.0, org.assertj.core.data.Offset.offset(0.05));

		// 100 items/s for a minute, then 10 items/s.
		long written = 1_000;
		for (int second = 1; second <= 60; second++) {
			advance(1);
			written += 100;
			running(1, 600 + second, written);
		}
		assertThat(running(1, 660, written).recentItemsPerSecond()).isEqualTo(100.0);
		for (int second = 1; second <= 30; second++) {
			advance(1);
			written += 10;
			running(1, 660 + second, written);
		}
		assertThat(running(1, 690, written).recentItemsPerSecond()).as("the last 30 s only").isEqualTo(10.0);
	}

	@Test
	void viewsWithinASecondTakeOneSample() {
		running(1, 10, 0);
		this.nanoTime.addAndGet(Duration.ofMillis(400).toNanos());
		assertThat(running(1, 10, 40).recentItemsPerSecond()).as("no second sample yet").isNull();
		this.nanoTime.addAndGet(Duration.ofMillis(600).toNanos());
		assertThat(running(1, 11, 100).recentItemsPerSecond()).isEqualTo(100.0);
	}

	@Test
	void theEtaIsTheChunksLeftAtThePaceOfTheFinishedOnesWhileRunning() {
		assertThat(running(1, 600, 0).etaSeconds()).as("75 chunks left at 24 s a chunk").isEqualTo(1_800);
		assertThat(running(1, 600, 0, new ChunkCounts(Map.of(ChunkStatus.RUNNING, 4L, ChunkStatus.PENDING, 96L)))
			.etaSeconds()).as("no chunk finished yet").isNull();
		ExecutionRates.Rates ended = this.rates.of(2, false, Duration.ofSeconds(600), 1_200, QUARTER_DONE);
		assertThat(ended.etaSeconds()).isNull();
		assertThat(ended.recentItemsPerSecond()).isNull();
		assertThat(ended.averageItemsPerSecond()).isEqualTo(2.0);
		assertThat(this.rates.of(3, true, null, 0, QUARTER_DONE).averageItemsPerSecond()).as("not started").isNull();
	}

	@Test
	void samplesAreDroppedWhenTheExecutionEndsOrIsNotViewedFor10Minutes() {
		running(1, 10, 0);
		running(2, 10, 0);
		assertThat(this.rates.sampled()).isEqualTo(2);

		this.rates.of(1, false, Duration.ofSeconds(10), 0, QUARTER_DONE);
		assertThat(this.rates.sampled()).as("ended").isEqualTo(1);

		this.nanoTime.addAndGet(ExecutionRates.IDLE.toNanos());
		running(3, 10, 0);
		assertThat(this.rates.sampled()).as("2 was not viewed for 10 minutes").isEqualTo(1);
	}

	private void advance(int seconds) {
		this.nanoTime.addAndGet(Duration.ofSeconds(seconds).toNanos());
	}

	private ExecutionRates.Rates running(long executionId, long elapsedSeconds, long written) {
		return running(executionId, elapsedSeconds, written, QUARTER_DONE);
	}

	private ExecutionRates.Rates running(long executionId, long elapsedSeconds, long written, ChunkCounts counts) {
		return this.rates.of(executionId, true, Duration.ofSeconds(elapsedSeconds), written, counts);
	}

}
