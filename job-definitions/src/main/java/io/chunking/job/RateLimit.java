package io.chunking.job;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * A limit on how often something may happen, shared by every worker process of the deployment: at most
 * {@code permits} permits in any period of {@code per}, handed out evenly spaced ({@code per / permits} apart), so no
 * burst exceeds the limit either. Limits with the same name share one budget, whichever job uses them; give a
 * resource (a host, a mail relay) one name and one rate.
 *
 * @param name names the shared budget: letters, digits, '.', '_', ':' and '-'
 * @param permits permits per period, at least 1
 * @param per the period, between 1 ms and 1 day
 * @param maxWait how long one acquisition may wait for its permit before it fails with
 * {@link RateLimitTimeoutException}
 */
public record RateLimit(String name, int permits, Duration per, Duration maxWait) {

	/** How long an acquisition waits at most unless told otherwise. */
	public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(1);

	public RateLimit {
		Assert.isTrue(name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}"), () -> "Rate limit name '"
				+ name + "' must start with a letter or digit and contain only letters, digits, '.', '_', ':' and '-'");
		Assert.isTrue(permits >= 1, () -> "Rate limit '" + name + "' must allow at least 1 permit, was " + permits);
		Assert.isTrue(per != null && per.toMillis() >= 1 && per.compareTo(Duration.ofDays(1)) <= 0,
				() -> "The period of rate limit '" + name + "' must be between 1 ms and 1 day, was " + per);
		Assert.isTrue(maxWait != null && !maxWait.isNegative(),
				() -> "The maximum wait of rate limit '" + name + "' must not be negative, was " + maxWait);
	}

	/** At most {@code permits} per second, waiting {@link #DEFAULT_MAX_WAIT} at most. */
	public static RateLimit perSecond(String name, int permits) {
		return new RateLimit(name, permits, Duration.ofSeconds(1), DEFAULT_MAX_WAIT);
	}

	/** At most {@code permits} per {@code per}, waiting {@link #DEFAULT_MAX_WAIT} at most. */
	public static RateLimit of(String name, int permits, Duration per) {
		return new RateLimit(name, permits, per, DEFAULT_MAX_WAIT);
	}

	/** This limit with another maximum wait. */
	public RateLimit maxWait(Duration maxWait) {
		return new RateLimit(this.name, this.permits, this.per, maxWait);
	}

	/** The spacing between two permits, in nanoseconds (at least 1). */
	public long intervalNanos() {
		return Math.max(1, this.per.toNanos() / this.permits);
	}

	@Override
	public String toString() {
		return this.name + " (" + this.permits + " per " + this.per + ")";
	}

}
