package io.chunking.master.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ItemCounts;

class RetryScheduleTests {

	private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(10));

	@Test
	void delayDoublesPerAttemptWithJitterBetweenHalfAndAllOfIt() {
		for (int index = 0; index < 50; index++) {
			assertThat(this.schedule.delayAfter(failed(index, 1))).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
			assertThat(this.schedule.delayAfter(failed(index, 2))).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
			assertThat(this.schedule.delayAfter(failed(index, 3))).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
		}
	}

	@Test
	void delayIsCappedAndNeverOverflows() {
		assertThat(this.schedule.delayAfter(failed(1, 99))).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

	@Test
	void jitterSpreadsChunksThatFailedTogether() {
		long distinct = java.util.stream.IntStream.range(0, 100)
			.mapToObj((index) -> this.schedule.delayAfter(failed(index, 1)))
			.distinct()
			.count();
		assertThat(distinct).isGreaterThan(50);
	}

	@Test
	void chunkIsDueOnceItsDelayHasPassedSinceItFailed() {
		ChunkRecord chunk = failed(7, 1);
		Duration delay = this.schedule.delayAfter(chunk);
		assertThat(this.schedule.isDue(chunk, chunk.finishedAt().plus(delay).minusMillis(1))).isFalse();
		assertThat(this.schedule.isDue(chunk, chunk.finishedAt().plus(delay))).isTrue();
	}

	private static ChunkRecord failed(int index, int attempt) {
		Instant at = Instant.parse("2026-01-01T00:00:00Z");
		return new ChunkRecord(new ChunkKey(1, index), "demo", 1, 20, "k", null, ChunkStatus.FAILED, attempt, "w", null,
				at, at, at, ItemCounts.ZERO, null, null, List.of());
	}

}
