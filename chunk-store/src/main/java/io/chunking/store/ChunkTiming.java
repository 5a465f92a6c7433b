package io.chunking.store;

import java.time.Duration;
import java.time.Instant;

/**
 * When a succeeded chunk's counted attempt started and finished, without the rest of its ledger entry: what an
 * estimate of the time left needs.
 *
 * @param chunkIndex the chunk's index in its job instance
 * @param startedAt when the counted attempt was claimed
 * @param finishedAt when it completed
 */
public record ChunkTiming(int chunkIndex, Instant startedAt, Instant finishedAt) {

	/** How long the attempt took, never negative (clocks of workers and master may differ a little). */
	public Duration duration() {
		Duration duration = Duration.between(this.startedAt, this.finishedAt);
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
