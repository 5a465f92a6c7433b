package io.chunking.store.startup;

import java.time.Duration;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chunking.store.StoreUnavailableException;

/**
 * Runs a store's start-up call (a ping, an index creation, a bucket check) and, while it fails with a failure that
 * may pass and the configured wait allows, runs it again after a pause, logging each failure. With no wait (the
 * default) the first failure ends the start. Past the wait the failure is thrown as a
 * {@link StoreNotReachableException} that names the store and where it was looked for.
 */
public final class StartupWait {

	private static final Logger logger = LoggerFactory.getLogger(StartupWait.class);

	private final Duration wait;

	private final Duration interval;

	/**
	 * @param wait how long a start may wait for a store, zero to try once
	 * @param interval the pause between two tries
	 */
	public StartupWait(Duration wait, Duration interval) {
		if (wait.isNegative()) {
			throw new IllegalArgumentException("chunking.startup.wait must not be negative, was " + wait);
		}
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("chunking.startup.retry-interval must be positive, was " + interval);
		}
		this.wait = wait;
		this.interval = interval;
	}

	/** Tries each store once: the default ({@code chunking.startup.wait=0s}). */
	public static StartupWait once() {
		return new StartupWait(Duration.ZERO, Duration.ofSeconds(2));
	}

	/** Waits for a store whose start-up call throws {@link StoreUnavailableException} while it cannot be reached. */
	public void await(String store, String location, String setting, Call call) {
		await(store, location, setting, call, StoreUnavailableException.class::isInstance);
	}

	/**
	 * Waits for a store whose start-up call throws a failure that {@code mayPass} accepts while it cannot be
	 * reached; any other failure is thrown at once.
	 */
	public void await(String store, String location, String setting, Call call, Predicate<Exception> mayPass) {
		long started = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			try {
				call.run();
				if (attempt > 1) {
					logger.info("{} at {} answered after {}", store, location, describe(since(started)));
				}
				return;
			}
			catch (Exception ex) {
				failed(store, location, setting, ex, mayPass, started, attempt);
			}
		}
	}

	private void failed(String store, String location, String setting, Exception ex, Predicate<Exception> mayPass,
			long started, int attempt) {
		if (!mayPass.test(ex)) {
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(store + " at " + location + " refused the start: " + ex.getMessage(), ex);
		}
		Duration waited = since(started);
		if (waited.plus(this.interval).compareTo(this.wait) > 0) {
			throw new StoreNotReachableException(store, location, setting, this.wait.isZero() ? Duration.ZERO : waited,
					ex);
		}
		logger.warn("{} at {} is not reachable yet (try {}, {} of {} waited; chunking.startup.wait): {}; trying again"
				+ " in {}", store, location, attempt, describe(waited), describe(this.wait), ex.getMessage(),
				describe(this.interval));
		try {
			Thread.sleep(this.interval.toMillis());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new StoreNotReachableException(store, location, setting, waited, ex);
		}
	}

	private static Duration since(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	static String describe(Duration duration) {
		long millis = duration.toMillis();
		return (millis < 10_000) ? String.format("%.1f s", millis / 1000.0) : (millis / 1000) + " s";
	}

	/** A store's start-up call; it may throw checked exceptions (JDBC, JMS). */
	@FunctionalInterface
	public interface Call {

		void run() throws Exception;

	}

}
