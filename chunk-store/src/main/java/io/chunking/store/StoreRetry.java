package io.chunking.store;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries store calls that fail with {@link StoreUnavailableException}, with exponential backoff, for at most a
 * given time: a store that restarts within that time is ridden out, one that stays away ends the call with a
 * {@link StoreUnavailableException} that says for how long and which setting bounds it. Any other exception ends
 * the call at once. Only idempotent or compare-and-set calls may be retried, which is what the store interfaces
 * offer.
 */
public final class StoreRetry {

	private static final Logger logger = LoggerFactory.getLogger(StoreRetry.class);

	/** Delay before the first retry; doubles per retry up to {@link #MAX_BACKOFF}. */
	public static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

	/** Longest delay between two tries. */
	public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final Duration limit;

	private final String limitProperty;

	private final StoreOutage outage;

	/**
	 * @param limit longest time one call keeps retrying, counted from its first failure
	 * @param limitProperty the setting that holds {@code limit}, named in the error when it is reached
	 * @param outage where failures and recoveries are recorded for the whole process
	 */
	public StoreRetry(Duration limit, String limitProperty, StoreOutage outage) {
		if (limit == null || limit.isNegative()) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		this.limit = limit;
		this.limitProperty = limitProperty;
		this.outage = outage;
	}

	public Duration limit() {
		return this.limit;
	}

	public StoreOutage outage() {
		return this.outage;
	}

	/**
	 * Runs {@code action}, retrying it while its store is unavailable.
	 * @param what the operation, for log lines and the error ("claim of chunk 3 of job instance 7")
	 * @throws StoreUnavailableException once the store has failed for longer than the limit
	 * @throws InterruptedException if the thread is interrupted while waiting to retry
	 */
	public <T extends @Nullable Object> T call(String what, Supplier<T> action) throws InterruptedException {
		long started = 0;
		Duration backoff = INITIAL_BACKOFF;
		for (int tries = 1;; tries++) {
			try {
				T result = action.get();
				this.outage.succeeded();
				if (tries > 1) {
					logger.info("{} succeeded after {} tries ({} ms of store outage)", what, tries,
							(System.nanoTime() - started) / 1_000_000);
				}
				return result;
			}
			catch (StoreUnavailableException ex) {
				this.outage.failed(ex, Instant.now());
				if (tries == 1) {
					started = System.nanoTime();
					logger.warn("{} failed: {} unavailable ({}); retrying for up to {}", what, ex.getStore(),
							ex.getMessage(), this.limit);
				}
				long elapsed = System.nanoTime() - started;
				if (elapsed + backoff.toNanos() > this.limit.toNanos()) {
					throw new StoreUnavailableException(ex.getStore(), what + ": " + ex.getStore()
							+ " was unavailable for " + Duration.ofNanos(elapsed).toSeconds() + " s, longer than "
							+ this.limit + " (" + this.limitProperty + "): " + ex.getMessage(), ex);
				}
				Thread.sleep(backoff.toMillis());
				backoff = (backoff.compareTo(MAX_BACKOFF.dividedBy(2)) > 0) ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	/** {@link #call} for an action without a result. */
	public void run(String what, Runnable action) throws InterruptedException {
		call(what, () -> {
			action.run();
			return null;
		});
	}

}
