package io.chunking.job.worker;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Lease and step settings of a worker.
 *
 * @param lease how long a claim holds without renewal; a worker silent for longer loses its chunk
 * @param renewInterval how often a held lease is renewed; must be well below {@code lease}
 * @param commitInterval items per Spring Batch chunk (transaction) inside one chunk attempt
 */
public record WorkerSettings(Duration lease, Duration renewInterval, int commitInterval) {

	public static final WorkerSettings DEFAULTS = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
			100);

	public WorkerSettings {
		Assert.isTrue(renewInterval.toMillis() > 0, "renewInterval must be positive");
		Assert.isTrue(lease.compareTo(renewInterval.multipliedBy(2)) >= 0,
				"lease must be at least twice renewInterval, so one late renewal does not lose it");
		Assert.isTrue(commitInterval >= 1, "commitInterval must be at least 1");
	}

}
