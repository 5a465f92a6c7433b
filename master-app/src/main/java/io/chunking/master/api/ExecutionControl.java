package io.chunking.master.api;

import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import io.chunking.master.recovery.LocalExecutions;
import io.chunking.store.ChunkLedger;

/**
 * Operator control of executions: stop, restart, abandon. Each checks the execution's current status first and
 * refuses, saying why, what does not fit it.
 */
@Component
class ExecutionControl {

	private static final Set<BatchStatus> STOPPABLE = Set.of(BatchStatus.STARTING, BatchStatus.STARTED);

	private static final Set<BatchStatus> RESTARTABLE = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);

	private static final Set<BatchStatus> ABANDONABLE = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED,
			BatchStatus.UNKNOWN);

	/** Attempts at saving a stop request that races with the execution's own updates. */
	private static final int STOP_ATTEMPTS = 5;

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final ChunkLedger ledger;

	private final LocalExecutions local;

	ExecutionControl(JobRepository jobRepository, JobOperator jobOperator, ChunkLedger ledger,
			LocalExecutions local) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.ledger = ledger;
		this.local = local;
	}

	/**
	 * Asks a running execution to stop: it becomes {@code STOPPING}; the master running it (this one or another)
	 * holds back the chunks not started yet, lets running chunks finish, and ends the execution {@code STOPPED}.
	 * Spring Batch's own {@code JobOperator.stop} is not used: it records the execution as ended at once, which
	 * would allow a restart while chunks still run.
	 */
	JobExecution stop(JobExecution execution) {
		JobExecution current = execution;
		for (int attempt = 1;; attempt++) {
			require(current, STOPPABLE, "stopped");
			current.setStatus(BatchStatus.STOPPING);
			try {
				this.jobRepository.update(current);
				return current;
			}
			catch (OptimisticLockingFailureException ex) {
				// The running execution saved itself meanwhile: read it again and retry on its new version.
				if (attempt == STOP_ATTEMPTS) {
					throw new ConflictException("Execution " + execution.getId()
							+ " changed concurrently " + STOP_ATTEMPTS + " times; try again");
				}
				current = this.jobRepository.getJobExecution(execution.getId());
			}
		}
	}

	/**
	 * Restarts a {@code FAILED} or {@code STOPPED} execution: a new execution of the same job instance that reuses
	 * the slice, re-dispatches only the chunks that did not succeed and gives failed and dead chunks a fresh set of
	 * attempts.
	 */
	JobExecution restart(JobExecution execution) {
		require(execution, RESTARTABLE, "restarted");
		try {
			return this.local.start(() -> this.jobOperator.restart(execution));
		}
		catch (JobExecutionException ex) {
			throw new ConflictException("Execution " + execution.getId() + " cannot be restarted: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Restart of execution " + execution.getId() + " failed: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Abandons a {@code FAILED} or {@code STOPPED} execution for good: it can no longer be restarted, and its chunks
	 * not started are held so that no worker picks them up.
	 */
	JobExecution abandon(JobExecution execution) {
		require(execution, ABANDONABLE, "abandoned");
		try {
			JobExecution abandoned = this.jobOperator.abandon(execution);
			this.ledger.hold(execution.getJobInstanceId());
			return abandoned;
		}
		catch (JobExecutionException ex) {
			throw new ConflictException("Execution " + execution.getId() + " cannot be abandoned: " + ex.getMessage());
		}
	}

	private static void require(JobExecution execution, Set<BatchStatus> allowed, String action) {
		BatchStatus status = execution.getStatus();
		if (!allowed.contains(status)) {
			throw new ConflictException("Execution " + execution.getId() + " is " + status + "; only "
					+ allowed.stream().map(Enum::name).sorted().toList() + " executions can be " + action
					+ hint(status, action));
		}
	}

	private static String hint(BatchStatus status, String action) {
		if (status == BatchStatus.STOPPING) {
			return "; it is stopping: wait until it is STOPPED";
		}
		if ("abandoned".equals(action) && status.isRunning()) {
			return "; stop it first";
		}
		return "";
	}

}
