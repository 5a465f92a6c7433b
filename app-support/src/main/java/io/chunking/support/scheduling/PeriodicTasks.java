package io.chunking.support.scheduling;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The one scheduler for the periodic work of a process (lease renewal, heartbeats, recovery scans, cron,
 * supervision checks): a small pool of daemon threads shared by every task, and one place that shuts them all down.
 * A task that throws is logged with its name and runs again at its next period (a plain
 * {@code ScheduledExecutorService} would silently stop running it).
 */
public final class PeriodicTasks implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PeriodicTasks.class);

	/** How long {@link #close()} waits for running tasks to finish before interrupting them. */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private final ScheduledThreadPoolExecutor executor;

	/**
	 * @param name thread name prefix ({@code chunking-<name>-<n>})
	 * @param threads pool size: tasks are short, so one or two threads serve all of them
	 */
	public PeriodicTasks(String name, int threads) {
		Assert.hasText(name, "name must not be empty");
		Assert.isTrue(threads > 0, "threads must be greater than zero");
		AtomicInteger count = new AtomicInteger();
		this.executor = new ScheduledThreadPoolExecutor(threads, (runnable) -> {
			Thread thread = new Thread(runnable, "chunking-" + name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	/**
	 * Runs {@code action} after {@code initialDelay}, then again {@code period} after each run ends.
	 * @param task name used in log lines
	 * @return the handle that cancels it
	 */
	public PeriodicTask withFixedDelay(String task, Duration initialDelay, Duration period, Runnable action) {
		return schedule(task, initialDelay, period, action, false);
	}

	/**
	 * Runs {@code action} every {@code period} (a run that overruns delays the next one, runs never overlap).
	 * @param task name used in log lines
	 * @return the handle that cancels it
	 */
	public PeriodicTask atFixedRate(String task, Duration initialDelay, Duration period, Runnable action) {
		return schedule(task, initialDelay, period, action, true);
	}

	/**
	 * Runs {@code action} after {@code initialDelay}, then again after the delay {@code nextDelay} gives once each
	 * run ends (for work that must wake at computed times, such as cron fire times).
	 * @param task name used in log lines
	 * @return the handle that cancels it
	 */
	public PeriodicTask withVariableDelay(String task, Duration initialDelay, Supplier<Duration> nextDelay,
			Runnable action) {
		Assert.hasText(task, "task must not be empty");
		Assert.isTrue(!initialDelay.isNegative(), "initialDelay must not be negative");
		Assert.notNull(nextDelay, "nextDelay must not be null");
		Assert.notNull(action, "action must not be null");
		PeriodicTask handle = new PeriodicTask(task, action);
		handle.rescheduleWith(this.executor, nextDelay);
		handle.scheduled(this.executor.schedule(handle::run, initialDelay.toMillis(), TimeUnit.MILLISECONDS));
		return handle;
	}

	private PeriodicTask schedule(String task, Duration initialDelay, Duration period, Runnable action,
			boolean fixedRate) {
		Assert.hasText(task, "task must not be empty");
		Assert.isTrue(!initialDelay.isNegative(), "initialDelay must not be negative");
		Assert.isTrue(!period.isNegative() && !period.isZero(), "period must be positive");
		Assert.notNull(action, "action must not be null");
		PeriodicTask handle = new PeriodicTask(task, action);
		ScheduledFuture<?> future = fixedRate
				? this.executor.scheduleAtFixedRate(handle::run, initialDelay.toMillis(), period.toMillis(),
						TimeUnit.MILLISECONDS)
				: this.executor.scheduleWithFixedDelay(handle::run, initialDelay.toMillis(), period.toMillis(),
						TimeUnit.MILLISECONDS);
		handle.scheduled(future);
		return handle;
	}

	/** Stops every task: runs in progress get {@link #CLOSE_WAIT} to finish, then they are interrupted. */
	@Override
	public void close() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Periodic tasks still running " + CLOSE_WAIT.toSeconds() + " s after shutdown; interrupting them");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor.shutdownNow();
	}

}
