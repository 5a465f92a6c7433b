package io.chunking.store.ratelimit;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

import io.chunking.job.RateLimit;
import io.chunking.job.RateLimiter;

/**
 * A limiter of one {@link RateLimit}: takes a permit reserved in the shared schedule and sleeps until its time. A
 * permit whose time is further away than the wait allowed is not taken. A thread that wakes up later than the
 * permit's tolerance (one interval, at least 1 ms) drops it and takes another, so a permit is always used within its
 * tolerance of its time: no period of the limit sees more than its permits plus the permits of one tolerance (one,
 * up to 1,000 per second). Every wait is bounded by the timeout, measured on the monotonic clock.
 */
final class SharedRateLimiter implements RateLimiter {

	private final RateLimit limit;

	private final ReservedPermits permits;

	private final EpochClock clock;

	private final RateLimitMetrics metrics;

	SharedRateLimiter(RateLimit limit, ReservedPermits permits, EpochClock clock, RateLimitMetrics metrics) {
		this.limit = limit;
		this.permits = permits;
		this.clock = clock;
		this.metrics = metrics;
	}

	@Override
	public RateLimit limit() {
		return this.limit;
	}

	@Override
	public boolean tryAcquire(Duration timeout) throws InterruptedException {
		long start = System.nanoTime();
		long timeoutNanos = saturatedNanos(timeout);
		for (boolean first = true;; first = false) {
			long elapsed = System.nanoTime() - start;
			long remaining = Math.max(0, timeoutNanos - elapsed);
			long now = this.clock.nanos();
			boolean inTime = first || elapsed <= timeoutNanos;
			OptionalLong permit = inTime ? this.permits.take(now, now + remaining, remaining) : OptionalLong.empty();
			if (permit.isEmpty()) {
				this.metrics.timedOut(this.limit.name());
				return false;
			}
			sleepFor(permit.getAsLong() - now);
			if (this.clock.nanos() - permit.getAsLong() <= this.permits.toleranceNanos()) {
				this.metrics.granted(this.limit.name(), System.nanoTime() - start);
				return true;
			}
		}
	}

	/** Sleeps {@code nanos} on the monotonic clock, whatever the wall clock does meanwhile. */
	private static void sleepFor(long nanos) throws InterruptedException {
		long deadline = System.nanoTime() + nanos;
		long left = nanos;
		while (left > 0) {
			LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				throw new InterruptedException("Interrupted while waiting for a permit");
			}
			left = deadline - System.nanoTime();
		}
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

	@Override
	public String toString() {
		return "SharedRateLimiter " + this.limit;
	}

}
