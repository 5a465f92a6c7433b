package io.chunking.master.recovery;

import io.chunking.support.scheduling.PeriodicTask;
import io.chunking.support.scheduling.PeriodicTasks;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import io.chunking.master.batch.ManagerProperties;
import io.chunking.store.RunStore;

/**
 * The executions this master started and that have not ended, and the gate every start on this master goes
 * through. Their ownership is renewed from here as well as from their steps, so that an execution waiting in this
 * master's queue (more triggers than {@code max-concurrent-executions}) is never taken for the execution of a lost
 * master. When the master hands its executions over ({@link MasterHandover}) it closes the gate: nothing starts
 * on it any more. Stops after the handover, which needs the renewals until it has released every execution.
 */
@Component
public class LocalExecutions implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LocalExecutions.class);

	private final Set<Long> ids = ConcurrentHashMap.newKeySet();

	/** Starts hold the read lock from the check of {@link #closed} until they are registered. */
	private final ReadWriteLock gate = new ReentrantReadWriteLock();

	/** Serializes each renewal with {@link #release}, so that a release is never followed by a renewal. */
	private final Object renewal = new Object();

	private final JobRepository jobRepository;

	private final RunStore runs;

	private final ManagerProperties properties;

	private volatile boolean closed;

	private final PeriodicTasks tasks;

	private volatile @Nullable PeriodicTask renewals;

	LocalExecutions(JobRepository jobRepository, RunStore runs, ManagerProperties properties, PeriodicTasks tasks) {
		this.tasks = tasks;
		this.jobRepository = jobRepository;
		this.runs = runs;
		this.properties = properties;
	}

	/**
	 * Starts an execution on this master (a launch, a restart) and takes its ownership until the execution ends.
	 * @param start creates the execution, e.g. {@code () -> jobOperator.start(job, parameters)}
	 * @throws MasterShuttingDownException once this master hands its executions over (nothing is started then)
	 */
	public JobExecution start(Callable<JobExecution> start) throws Exception {
		this.gate.readLock().lock();
		try {
			if (this.closed) {
				throw new MasterShuttingDownException(this.properties.resolveId());
			}
			JobExecution execution = start.call();
			this.ids.add(execution.getId());
			own(execution);
			return execution;
		}
		finally {
			this.gate.readLock().unlock();
		}
	}

	/**
	 * Closes the gate: from now on {@link #start} refuses; starts already past the gate are waited for (at most
	 * {@code timeout}).
	 * @return the ids of the executions this master runs or has queued
	 */
	Set<Long> close(Duration timeout) {
		this.closed = true;
		try {
			if (this.gate.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.gate.writeLock().unlock();
			}
			else {
				logger.warn("A start of an execution did not finish within " + timeout + " of the shutdown");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Set.copyOf(this.ids);
	}

	/**
	 * Stops renewing the ownership of an execution that ended, and ends the lease at once so that another master
	 * takes the run over at its next look.
	 * @return whether this master still owned the run
	 */
	boolean release(JobExecution execution) {
		synchronized (this.renewal) {
			this.ids.remove(execution.getId());
			return this.runs.release(execution.getJobInstanceId(), execution.getId(), this.properties.resolveId(),
					Instant.now());
		}
	}

	/** Stops renewing the ownership of an execution (its lease then expires on its own). */
	void forget(long executionId) {
		synchronized (this.renewal) {
			this.ids.remove(executionId);
		}
	}

	boolean contains(long executionId) {
		return this.ids.contains(executionId);
	}

	private void own(JobExecution execution) {
		if (!this.runs.own(execution.getJobInstanceId(), execution.getId(), this.properties.resolveId(),
				this.properties.getOwnerLease(), Instant.now())) {
			logger.warn("Execution " + execution.getId() + " is owned by another master");
		}
	}

	private void renew() {
		for (Long id : this.ids) {
			synchronized (this.renewal) {
				if (this.ids.contains(id)) {
					renew(id);
				}
			}
		}
	}

	private void renew(Long id) {
		try {
			JobExecution execution = this.jobRepository.getJobExecution(id);
			if (execution == null || !execution.isRunning()) {
				this.ids.remove(id);
			}
			else {
				own(execution);
			}
		}
		catch (EmptyResultDataAccessException ex) {
			this.ids.remove(id);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew the ownership of execution " + id + ": " + ex.getMessage());
		}
	}

	@Override
	public void start() {
		Duration period = Duration.ofMillis(Math.max(100, this.properties.getOwnerLease().toMillis() / 6));
		this.renewals = this.tasks.withFixedDelay("ownership-renewal", period, period, this::renew);
	}

	@Override
	public void stop() {
		if (this.renewals != null) {
			this.renewals.cancel();
			this.renewals = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.renewals != null;
	}

	@Override
	public int getPhase() {
		return MasterHandover.PHASE - 1;
	}

}
