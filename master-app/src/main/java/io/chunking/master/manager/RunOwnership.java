package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;

import org.springframework.batch.core.job.JobExecution;

import io.chunking.store.RunStore;

/**
 * The lease a master holds on the run it executes, renewed while it slices, supervises and aggregates. A master
 * that dies stops renewing; when the lease has expired another master (or the same one, restarted) recovers the
 * execution. A master that finds its lease taken over stops working on the run, and so does a master that hands
 * its executions over because it shuts down ({@link HandoverSignal}).
 */
final class RunOwnership {

	private final RunStore runs;

	private final String masterId;

	private final Duration lease;

	private final HandoverSignal handover;

	private final long instanceId;

	private final long executionId;

	private long renewedAt;

	RunOwnership(RunStore runs, String masterId, Duration lease, HandoverSignal handover, long instanceId,
			long executionId) {
		this.runs = runs;
		this.masterId = masterId;
		this.lease = lease;
		this.handover = handover;
		this.instanceId = instanceId;
		this.executionId = executionId;
	}

	/** The ownership of the run of {@code jobExecution} by the master of {@code settings}. */
	static RunOwnership of(RunStore runs, ManagerSettings settings, HandoverSignal handover,
			JobExecution jobExecution) {
		return new RunOwnership(runs, settings.masterId(), settings.ownerLease(), handover,
				jobExecution.getJobInstanceId(), jobExecution.getId());
	}

	/**
	 * Takes or renews the lease now.
	 * @throws MasterHandoverException if this master hands its executions over
	 */
	void acquire() {
		this.handover.check(this.executionId);
		if (!this.runs.own(this.instanceId, this.executionId, this.masterId, this.lease, Instant.now())) {
			throw new RunTakenOverException("Execution " + this.executionId + " (job instance " + this.instanceId
					+ ") is owned by another master with a live lease; master " + this.masterId + " stops working on it");
		}
		this.renewedAt = System.nanoTime();
	}

	/**
	 * Renews the lease if a sixth of it has passed since the last renewal.
	 * @throws MasterHandoverException if this master hands its executions over
	 */
	void renewIfDue() {
		this.handover.check(this.executionId);
		if (System.nanoTime() - this.renewedAt >= this.lease.toNanos() / 6) {
			acquire();
		}
	}

	/** Thrown when another master took the run over. */
	static final class RunTakenOverException extends IllegalStateException {

		RunTakenOverException(String message) {
			super(message);
		}

	}

}
