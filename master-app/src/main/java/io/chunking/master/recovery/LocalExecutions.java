package io.chunking.master.recovery;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import io.chunking.master.batch.ManagerProperties;
import io.chunking.store.RunStore;

/**
 * The executions this master launched and that have not ended. Their ownership is renewed from here as well as
 * from their steps, so that an execution waiting in this master's queue (more triggers than
 * {@code max-concurrent-executions}) is never taken for the execution of a lost master.
 */
@Component
public class LocalExecutions implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LocalExecutions.class);

	private final Set<Long> ids = ConcurrentHashMap.newKeySet();

	private final JobRepository jobRepository;

	private final RunStore runs;

	private final ManagerProperties properties;

	private ScheduledExecutorService renewals;

	LocalExecutions(JobRepository jobRepository, RunStore runs, ManagerProperties properties) {
		this.jobRepository = jobRepository;
		this.runs = runs;
		this.properties = properties;
	}

	/** Takes ownership of an execution this master just launched, and keeps it until the execution ends. */
	public void register(JobExecution execution) {
		this.ids.add(execution.getId());
		own(execution);
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
	}

	@Override
	public void start() {
		this.renewals = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "chunking-ownership");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(100, this.properties.getOwnerLease().toMillis() / 6);
		this.renewals.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.renewals != null) {
			this.renewals.shutdownNow();
			this.renewals = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.renewals != null;
	}

}
