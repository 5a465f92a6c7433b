package io.chunking.support.scheduling;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One task of {@link PeriodicTasks}: {@link #cancel(Duration)} stops it and lets a run in progress finish.
 */
public final class PeriodicTask {

	private static final Log logger = LogFactory.getLog(PeriodicTask.class);

	private final String name;

	private final Runnable action;

	private final ReentrantLock running = new ReentrantLock();

	private volatile boolean cancelled;

	private volatile ScheduledFuture<?> future;

	private ScheduledExecutorService rescheduler;

	private Supplier<Duration> nextDelay;

	PeriodicTask(String name, Runnable action) {
		this.name = name;
		this.action = action;
	}

	void rescheduleWith(ScheduledExecutorService executor, Supplier<Duration> delay) {
		this.rescheduler = executor;
		this.nextDelay = delay;
	}

	void scheduled(ScheduledFuture<?> future) {
		this.future = future;
		if (this.cancelled) {
			future.cancel(false);
		}
	}

	void run() {
		if (this.cancelled) {
			return;
		}
		this.running.lock();
		try {
			if (!this.cancelled) {
				this.action.run();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Periodic task '" + this.name + "' failed (it runs again at its next period): " + ex, ex);
		}
		finally {
			this.running.unlock();
			if (this.rescheduler != null && !this.cancelled) {
				rescheduleNext();
			}
		}
	}

	private void rescheduleNext() {
		long delay;
		try {
			delay = Math.max(1, this.nextDelay.get().toMillis());
		}
		catch (RuntimeException ex) {
			logger.warn("Periodic task '" + this.name + "' could not compute its next delay; trying again in 1 s: " + ex);
			delay = 1000;
		}
		try {
			scheduled(this.rescheduler.schedule(this::run, delay, TimeUnit.MILLISECONDS));
		}
		catch (RejectedExecutionException ex) {
			this.cancelled = true; // the pool is shutting down
		}
	}

	/**
	 * Stops the task: it does not start again, and a run in progress gets up to {@code wait} to finish (it is not
	 * interrupted).
	 * @return whether no run was in progress when this returned
	 */
	public boolean cancel(Duration wait) {
		this.cancelled = true;
		ScheduledFuture<?> current = this.future;
		if (current != null) {
			current.cancel(false);
		}
		if (this.running.isHeldByCurrentThread()) {
			return true;
		}
		try {
			if (this.running.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				this.running.unlock();
				return true;
			}
			logger.warn("Periodic task '" + this.name + "' still running " + wait.toMillis() + " ms after it was cancelled");
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Stops the task without waiting for a run in progress. */
	public void cancel() {
		cancel(Duration.ZERO);
	}

	public boolean isCancelled() {
		return this.cancelled;
	}

}
