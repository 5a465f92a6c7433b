package io.chunking.store.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.Assert;

import io.chunking.job.RateLimit;
import io.chunking.job.RateLimiter;
import io.chunking.job.RateLimiters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@link RateLimiters} whose limits hold across every process sharing the {@link RateLimitStore}: all limiters of a
 * name, in this process and in every other, take their permits from one reservation schedule in the store, so at
 * most {@code permits} are granted in any period of the limit, whatever the number of processes and threads (plus
 * one permit at a period's boundary, see {@link SharedRateLimiter}). Within a process, the limiters of a name share
 * the permits the process reserved: a reservation takes one permit up to 100 per second, and about 10 ms of the rate
 * above, handed out locally at their times.
 * <p>
 * Times come from this process's clock: the hosts must keep their clocks synchronised (NTP), as for the ledger's
 * leases. Each process spaces its reservations by the rate it knows: use one rate per name everywhere. A name used
 * with two rates in one process is refused.
 */
public class SharedRateLimiters implements RateLimiters {

	private final RateLimitStore store;

	private final EpochClock clock;

	private final RateLimitMetrics metrics;

	private final Map<String, ReservedPermits> permits = new ConcurrentHashMap<>();

	/** Limiters on the store, with meters kept in memory. */
	public SharedRateLimiters(RateLimitStore store) {
		this(store, new SimpleMeterRegistry(), Clock.systemUTC());
	}

	/**
	 * @param registry where the {@link RateLimitMetrics} are recorded
	 * @param clock this process's clock
	 */
	public SharedRateLimiters(RateLimitStore store, MeterRegistry registry, Clock clock) {
		Assert.notNull(store, "store must not be null");
		Assert.notNull(registry, "registry must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.store = store;
		this.metrics = new RateLimitMetrics(registry);
		this.clock = EpochClock.of(clock);
	}

	@Override
	public RateLimiter limiter(RateLimit limit) {
		Assert.notNull(limit, "limit must not be null");
		ReservedPermits shared = this.permits.computeIfAbsent(limit.name(), (name) -> new ReservedPermits(this.store,
				new RateLimitStore.Rate(name, limit.permits(), limit.per().toNanos())));
		RateLimitStore.Rate rate = shared.rate();
		if (rate.intervalNanos() != limit.intervalNanos()) {
			throw new IllegalArgumentException("Rate limit '" + limit.name() + "' is used with two rates in this "
					+ "process: " + rate.permits() + " per " + Duration.ofNanos(rate.perNanos()) + " and "
					+ limit.permits() + " per " + limit.per() + "; give each rate a name of its own");
		}
		return new SharedRateLimiter(limit, shared, this.clock, this.metrics);
	}

}
