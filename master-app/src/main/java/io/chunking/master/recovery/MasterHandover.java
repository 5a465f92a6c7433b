package io.chunking.master.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.chunking.master.manager.HandoverSignal;
import io.chunking.master.manager.ManagerSettings;
import io.chunking.master.batch.ManagerProperties;
import io.chunking.store.RunStore;

/**
 * Hands this master's executions over when it shuts down (SIGTERM), so that another master, or this one once
 * restarted, continues them at once instead of after their ownership lease. It stops after the scheduler and the
 * recovery scan (they start nothing more) and before the web server, the job executor and the connection pools:
 * <ol>
 * <li>closes the gate of {@link LocalExecutions}: nothing starts on this master any more;</li>
 * <li>marks the run of every execution it runs or has queued with a pending restart
 * ({@link RunStore#markRestartPending}), before any of them ends;</li>
 * <li>raises the {@link HandoverSignal}: running executions end at their next check, queued ones as soon as they
 * start, each recorded {@code FAILED} with exit code {@value ManagerSettings#MASTER_HANDOVER};</li>
 * <li>waits, at most {@code chunking.master.shutdown-grace}, until the job repository records them ended;</li>
 * <li>releases their runs: the lease ends now, and the recovery scan of any master restarts them.</li>
 * </ol>
 * An execution that does not end in time keeps its lease, which expires once this master is gone; it is then
 * recovered like the execution of a lost master. A master killed during the handover leaves the pending restarts
 * behind, which the other masters find once its lease has expired.
 */
@Component
class MasterHandover implements SmartLifecycle {

	/** Stops right after the scheduler and the recovery scan, which have the default (highest) phase. */
	static final int PHASE = Integer.MAX_VALUE - 1;

	private static final Log logger = LogFactory.getLog(MasterHandover.class);

	/** Milliseconds between looks at the job repository while executions end. */
	private static final long POLL_MILLIS = 100;

	private final LocalExecutions local;

	private final JobRepository jobRepository;

	private final RunStore runs;

	private final HandoverSignal signal;

	private final ManagerProperties properties;

	private volatile boolean running;

	MasterHandover(LocalExecutions local, JobRepository jobRepository, RunStore runs, HandoverSignal signal,
			ManagerProperties properties) {
		this.local = local;
		this.jobRepository = jobRepository;
		this.runs = runs;
		this.signal = signal;
		this.properties = properties;
	}

	@Override
	public void stop() {
		this.running = false;
		String me = this.properties.resolveId();
		Duration grace = this.properties.getShutdownGrace();
		long started = System.nanoTime();
		long deadline = started + grace.toNanos();
		Set<Long> ids = markPendingRestarts(this.local.close(grace), me);
		if (ids.isEmpty()) {
			logger.info("Master " + me + " shuts down with no execution to hand over");
			return;
		}
		this.signal.raise();
		logger.info("Master " + me + " shuts down: it hands executions " + ids + " over, waiting up to " + grace
				+ " (chunking.master.shutdown-grace) for them to end");
		Map<Long, JobExecution> ended = awaitEnd(ids, deadline);
		List<Long> handedOver = new ArrayList<>();
		for (JobExecution execution : ended.values()) {
			if (finish(execution)) {
				handedOver.add(execution.getId());
			}
		}
		List<Long> late = ids.stream().filter((id) -> !ended.containsKey(id)).sorted().toList();
		logger.info("Master " + me + " handed executions " + handedOver + " over in "
				+ (System.nanoTime() - started) / 1_000_000 + " ms; other masters continue them now"
				+ (late.isEmpty() ? "" : "; executions " + late + " did not end within " + grace
						+ ": they are recovered once this master's lease on them has expired"));
	}

	/**
	 * Marks the runs of the executions that have not ended with a pending restart.
	 * @return the ids of these executions: those to hand over
	 */
	private Set<Long> markPendingRestarts(Set<Long> ids, String me) {
		Set<Long> running = new LinkedHashSet<>();
		for (Long id : ids) {
			JobExecution execution = read(id);
			if (execution != null && hasEnded(execution)) {
				this.local.forget(id);
				continue;
			}
			running.add(id);
			try {
				if (execution != null && !this.runs.markRestartPending(execution.getJobInstanceId(), id, me)) {
					logger.warn("Execution " + id + " is no longer owned by master " + me);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not mark execution " + id + " for a restart: " + ex.getMessage());
			}
		}
		return running;
	}

	/** Waits until the job repository records every execution ended, or the deadline passes. */
	private Map<Long, JobExecution> awaitEnd(Set<Long> ids, long deadline) {
		Map<Long, JobExecution> ended = new LinkedHashMap<>();
		while (true) {
			for (Long id : ids) {
				if (!ended.containsKey(id)) {
					JobExecution execution = read(id);
					if (execution != null && hasEnded(execution) && isFinal(execution)) {
						ended.put(id, execution);
					}
				}
			}
			if (ended.size() == ids.size() || System.nanoTime() >= deadline) {
				return ended;
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ended;
			}
		}
	}

	/** Whether the job repository records the execution ended: its last update sets the end time with the outcome. */
	private static boolean hasEnded(JobExecution execution) {
		return !execution.getStatus().isRunning() && execution.getEndTime() != null;
	}

	/**
	 * Whether the record of an ended execution is its last: the job has decided how it ends (before that, the job
	 * repository may show it ended with the step's exit code, although it is about to be handed over), and one that
	 * its job handed over must show exit code
	 * {@value ManagerSettings#MASTER_HANDOVER} before its run is released (the job records it with its last
	 * update; a look in between may see the execution failed with the step's exit code).
	 */
	private boolean isFinal(JobExecution execution) {
		return this.signal.isSettled(execution.getId()) && (!this.signal.isHandedOver(execution.getId())
				|| ManagerSettings.MASTER_HANDOVER.equals(execution.getExitStatus().getExitCode()));
	}

	private JobExecution read(long id) {
		try {
			return this.jobRepository.getJobExecution(id);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read execution " + id + " while handing it over: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Releases the run of an execution that ended handed over; for one that ended otherwise (it completed
	 * meanwhile, or an operator was stopping it) there is nothing to restart.
	 * @return whether the execution was handed over
	 */
	private boolean finish(JobExecution execution) {
		long id = execution.getId();
		try {
			if (ManagerSettings.MASTER_HANDOVER.equals(execution.getExitStatus().getExitCode())) {
				this.local.release(execution);
				return true;
			}
			this.local.forget(id);
			this.runs.clearPendingRestart(execution.getJobInstanceId(), id);
			logger.info("Execution " + id + " ended " + execution.getStatus() + " (" + execution.getExitStatus()
					+ ") during the handover");
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the run of execution " + id + ": " + ex.getMessage()
					+ "; it is recovered once this master's lease has expired");
		}
		return false;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
