package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;

import io.chunking.store.ChunkRecord;

/**
 * When a failed chunk is due for its next attempt: exponential backoff from the failure time, capped, with a
 * jitter between 50% and 100% of the delay so that chunks failed together do not all return at once. The jitter is
 * derived from the chunk and attempt, so every poll computes the same due time without storing it.
 */
final class RetrySchedule {

	private final Duration initial;

	private final Duration max;

	RetrySchedule(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
	}

	Duration delayAfter(ChunkRecord failed) {
		int exponent = Math.min(Math.max(failed.attempt() - 1, 0), 20);
		long base = Math.min(this.max.toMillis(), this.initial.toMillis() << exponent);
		long seed = failed.key().jobInstanceId() * 1_000_003L + failed.chunkIndex() * 31L + failed.attempt();
		double jitter = 0.5 + 0.5 * ((mix(seed) >>> 11) * 0x1.0p-53);
		return Duration.ofMillis((long) (base * jitter));
	}

	boolean isDue(ChunkRecord failed, Instant now) {
		Instant failedAt = (failed.finishedAt() != null) ? failed.finishedAt() : now;
		return !failedAt.plus(delayAfter(failed)).isAfter(now);
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

}
