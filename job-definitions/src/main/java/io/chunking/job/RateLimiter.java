package io.chunking.job;

import java.time.Duration;

/**
 * Hands out the permits of one {@link RateLimit}, shared with every other process using a limit of the same name.
 * Thread-safe.
 */
public interface RateLimiter {

	/** The limit this limiter enforces. */
	RateLimit limit();

	/**
	 * Waits for one permit, at most the limit's {@link RateLimit#maxWait()}.
	 * @throws RateLimitTimeoutException if no permit could be had in that time
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	default void acquire() throws InterruptedException {
		if (!tryAcquire(limit().maxWait())) {
			throw new RateLimitTimeoutException(limit());
		}
	}

	/**
	 * Waits at most {@code timeout} for one permit.
	 * @return whether a permit was had; {@code false} takes no permit
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	boolean tryAcquire(Duration timeout) throws InterruptedException;

}
