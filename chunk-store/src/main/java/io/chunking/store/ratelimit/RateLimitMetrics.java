package io.chunking.store.ratelimit;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of the shared rate limits, each tagged {@code limit} with the limit's name:
 * <ul>
 * <li>{@value #PERMITS} (counter): permits granted in this process;</li>
 * <li>{@value #WAIT} (timer): how long each granted permit was waited for;</li>
 * <li>{@value #TIMEOUTS} (counter): acquisitions that got no permit within their maximum wait.</li>
 * </ul>
 */
public final class RateLimitMetrics {

	public static final String PERMITS = "chunking.rate.limit.permits";

	public static final String WAIT = "chunking.rate.limit.wait";

	public static final String TIMEOUTS = "chunking.rate.limit.timeouts";

	private final MeterRegistry registry;

	public RateLimitMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** One permit of {@code limit} granted after {@code waitNanos}. */
	void granted(String limit, long waitNanos) {
		Counter.builder(PERMITS)
			.description("Permits of shared rate limits granted")
			.tag("limit", limit)
			.register(this.registry)
			.increment();
		Timer.builder(WAIT)
			.description("Waits for permits of shared rate limits")
			.tag("limit", limit)
			.register(this.registry)
			.record(waitNanos, TimeUnit.NANOSECONDS);
	}

	/** An acquisition of a permit of {@code limit} that timed out. */
	void timedOut(String limit) {
		Counter.builder(TIMEOUTS)
			.description("Acquisitions of shared rate limit permits that timed out")
			.tag("limit", limit)
			.register(this.registry)
			.increment();
	}

}
