package io.chunking.worker.chunk;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Lease and step settings of a worker.
 *
 * @param lease how long a claim holds without renewal; a worker silent for longer loses its chunk
 * @param renewInterval how often a held lease is renewed; must be well below {@code lease}
 * @param commitInterval items per Spring Batch chunk (transaction) inside one chunk attempt
 * @param storeOutageLimit how long a store call for a chunk in hand is retried while the stores are unreachable,
 * before the attempt is given up
 */
public record WorkerSettings(Duration lease, Duration renewInterval, int commitInterval, Duration storeOutageLimit) {

	public static final WorkerSettings DEFAULTS = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
			100, Duration.ofMinutes(2));

	public WorkerSettings {
		Assert.isTrue(renewInterval.toMillis() > 0, "renewInterval must be positive");
		Assert.isTrue(lease.compareTo(renewInterval.multipliedBy(2)) >= 0,
				"lease must be at least twice renewInterval, so one late renewal does not lose it");
		Assert.isTrue(commitInterval >= 1, "commitInterval must be at least 1");
		Assert.isTrue(!storeOutageLimit.isNegative(), "storeOutageLimit must not be negative");
	}

}
