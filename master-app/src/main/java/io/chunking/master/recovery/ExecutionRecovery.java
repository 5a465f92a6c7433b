package io.chunking.master.recovery;

import java.time.Duration;
import io.chunking.support.scheduling.PeriodicTask;
import io.chunking.support.scheduling.PeriodicTasks;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.master.manager.ManagerSettings;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.batch.ManagerProperties;
import io.chunking.store.RunRecord;
import io.chunking.store.ChunkLedger;
import io.chunking.store.RunStore;

/**
 * Brings executions of a lost master to their end, and continues those a master handed over. Stock Spring Batch
 * leaves the execution of a lost master {@code STARTED} forever. At start and every
 * {@code chunking.master.recovery-interval}, this master
 * <ul>
 * <li>looks for running executions of its jobs whose owner (the master running them) stopped renewing its lease;
 * it takes the run over, marks it with a pending restart, records the stale execution as {@code FAILED} with exit
 * code {@value ManagerSettings#MASTER_LOST}, and restarts it;</li>
 * <li>looks for pending restarts nobody is doing (the owner released the run, or its lease expired): executions a
 * master handed over when it shut down ({@value ManagerSettings#MASTER_HANDOVER}), or ended to recover them and
 * was lost before restarting them. It takes the run over with the run store's compare-and-set, so exactly one
 * master restarts each.</li>
 * </ul>
 * The restarted execution reuses the slice and continues with the chunks as they are in the ledger: succeeded
 * chunks are not run again, running chunks keep their lease and attempt count.
 */
@Component
class ExecutionRecovery implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ExecutionRecovery.class);

	/** Longest wait on stop for a recovery scan in progress. */
	private static final long STOP_WAIT_SECONDS = 10;

	private final JobCatalog catalog;

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final RunStore runs;

	private final ManagerProperties properties;

	private final LocalExecutions local;

	private final ChunkLedger ledger;

	private final PeriodicTasks tasks;

	private volatile @Nullable PeriodicTask scheduler;

	ExecutionRecovery(JobCatalog catalog, JobRepository jobRepository, JobOperator jobOperator, RunStore runs,
			ManagerProperties properties, LocalExecutions local, ChunkLedger ledger, PeriodicTasks tasks) {
		this.tasks = tasks;
		this.ledger = ledger;
		this.catalog = catalog;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.runs = runs;
		this.properties = properties;
		this.local = local;
	}

	/** Recovers every execution of a lost master and restarts every pending restart found now; returns how many. */
	int recoverLostExecutions() {
		int recovered = 0;
		for (RunRecord run : this.runs.findPendingRestarts(Instant.now())) {
			try {
				if (restartPending(run)) {
					recovered++;
				}
			}
			catch (Exception ex) {
				logger.warn("Could not restart execution " + run.pendingRestartOf() + ": " + ex.getMessage(), ex);
			}
		}
		for (ChunkedJobDefinition<?, ?> definition : this.catalog.definitions()) {
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(definition.getName())) {
				try {
					if (isLost(execution) && recover(execution)) {
						recovered++;
					}
				}
				catch (Exception ex) {
					logger.warn("Could not recover execution " + execution.getId() + ": " + ex.getMessage(), ex);
				}
			}
		}
		return recovered;
	}

	private boolean isLost(JobExecution execution) {
		if (this.local.contains(execution.getId())) {
			return false;
		}
		Instant now = Instant.now();
		RunRecord run = this.runs.find(execution.getJobInstanceId()).orElse(null);
		if (run != null && run.ownerLeaseExpiresAt() != null) {
			return run.ownerLeaseExpiresAt().isBefore(now);
		}
		// No owner yet: the execution may just be starting on some master; lost once it is older than a lease.
		LocalDateTime created = execution.getCreateTime();
		Instant createdAt = (created != null) ? created.atZone(ZoneId.systemDefault()).toInstant() : Instant.EPOCH;
		return createdAt.plus(this.properties.getOwnerLease()).isBefore(now);
	}

	private boolean recover(JobExecution stale) throws Exception {
		String me = this.properties.resolveId();
		RunRecord run = this.runs.find(stale.getJobInstanceId()).orElse(null);
		String lostMaster = (run != null && run.ownerId() != null) ? run.ownerId() : "unknown";
		if (!this.runs.own(stale.getJobInstanceId(), stale.getId(), me, this.properties.getOwnerLease(),
				Instant.now())) {
			return false;
		}
		JobExecution current = this.jobRepository.getJobExecution(stale.getId());
		if (current == null || !current.isRunning()) {
			return false;
		}
		if (current.getStatus() == BatchStatus.STOPPING) {
			// An operator asked to stop it: finish the stop instead of running it on.
			this.ledger.hold(current.getJobInstanceId());
			end(current, BatchStatus.STOPPED, new ExitStatus(ExitStatus.STOPPED.getExitCode(), "Master " + lostMaster
					+ " was lost while stopping this execution; master " + me + " recorded it as stopped"));
			logger.warn("Execution " + current.getId() + " was stopping when master " + lostMaster
					+ " was lost; it is STOPPED now");
			return true;
		}
		String description = "Master " + lostMaster + " was lost while running this execution; master " + me
				+ " recovered it";
		// Marked first: should this master die before the restart, another one finds the run and restarts it.
		this.runs.markRestartPending(current.getJobInstanceId(), current.getId(), me);
		end(current, BatchStatus.FAILED, new ExitStatus(ManagerSettings.MASTER_LOST, description));
		JobExecution restarted = restart(current);
		logger.warn(description + ": execution " + current.getId() + " continues as execution " + restarted.getId());
		return true;
	}

	/**
	 * Restarts the execution a run is marked with, if it ended for a restart (handed over, or ended by a recovering
	 * master that was lost) and nothing continued it yet; clears the mark otherwise.
	 */
	private boolean restartPending(RunRecord run) throws Exception {
		long instanceId = run.jobInstanceId();
		long id = run.pendingRestartOf();
		JobExecution ended = this.jobRepository.getJobExecution(id);
		if (ended == null) {
			this.runs.clearPendingRestart(instanceId, id);
			return false;
		}
		if (!knows(ended.getJobInstance().getJobName()) || ended.getStatus().isRunning()) {
			// Another master's job; or still running: recovered as a lost master's once its lease has expired.
			return false;
		}
		String me = this.properties.resolveId();
		if (ended.getStatus() != BatchStatus.FAILED || !ManagerSettings.continuesOnRestart(ended.getExitStatus())
				|| !isLast(ended)) {
			this.runs.clearPendingRestart(instanceId, id);
			return false;
		}
		if (!this.runs.own(instanceId, id, me, this.properties.getOwnerLease(), Instant.now())) {
			return false;
		}
		if (!isLast(ended)) {
			// Another master restarted it between the looks.
			this.runs.clearPendingRestart(instanceId, id);
			return false;
		}
		JobExecution restarted = restart(ended);
		logger.warn("Execution " + id + " (" + ended.getExitStatus().getExitCode() + ", left by master "
				+ run.pendingRestartBy() + ") continues as execution " + restarted.getId() + " on master " + me);
		return true;
	}

	private boolean knows(String jobName) {
		return this.catalog.definitions().stream().anyMatch((definition) -> definition.getName().equals(jobName));
	}

	/** Whether no execution of the same job instance came after this one. */
	private boolean isLast(JobExecution execution) {
		JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
		return last != null && last.getId() == execution.getId();
	}

	private JobExecution restart(JobExecution ended) throws Exception {
		JobExecution restarted = this.local.start(() -> this.jobOperator.restart(ended));
		this.runs.clearPendingRestart(ended.getJobInstanceId(), ended.getId());
		return restarted;
	}

	private void end(JobExecution execution, BatchStatus status, ExitStatus exitStatus) {
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus().isRunning()) {
				step.setStatus(status);
				step.setExitStatus(exitStatus);
				step.setEndTime(now);
				this.jobRepository.update(step);
			}
		}
		execution.setStatus(status);
		execution.setExitStatus(exitStatus);
		execution.setEndTime(now);
		this.jobRepository.update(execution);
	}

	@Override
	public void start() {
		this.scheduler = this.tasks.withFixedDelay("recovery", Duration.ZERO, this.properties.getRecoveryInterval(),
				this::recoverQuietly);
	}

	private void recoverQuietly() {
		try {
			recoverLostExecutions();
		}
		catch (Exception ex) {
			logger.warn("Recovery scan failed: " + ex.getMessage());
		}
	}

	/** Lets a scan in progress finish (at most {@value #STOP_WAIT_SECONDS} s): nothing is restarted after this. */
	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.cancel(Duration.ofSeconds(STOP_WAIT_SECONDS));
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
