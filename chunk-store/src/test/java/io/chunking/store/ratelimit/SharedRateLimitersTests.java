package io.chunking.store.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.chunking.job.RateLimit;
import io.chunking.job.RateLimiter;
import io.chunking.store.memory.InMemoryRateLimitStore;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The limiters record their meters, and reserve permits in batches only at high rates.
 */
class SharedRateLimitersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void grantedPermitsTheirWaitsAndTimeoutsAreCountedPerLimit() throws Exception {
		RateLimiter limiter = new SharedRateLimiters(new InMemoryRateLimitStore(), this.registry, Clock.systemUTC())
			.limiter(RateLimit.of("mail", 1, Duration.ofMillis(300)));

		limiter.acquire();
		limiter.acquire();
		assertThat(limiter.tryAcquire(Duration.ZERO)).isFalse();

		assertThat(this.registry.get(RateLimitMetrics.PERMITS).tag("limit", "mail").counter().count()).isEqualTo(2);
		Timer waits = this.registry.get(RateLimitMetrics.WAIT).tag("limit", "mail").timer();
		assertThat(waits.count()).isEqualTo(2);
		assertThat(waits.max(TimeUnit.MILLISECONDS)).as("the wait for the 2nd permit, due 300 ms after the 1st")
			.isGreaterThanOrEqualTo(150);
		assertThat(this.registry.get(RateLimitMetrics.TIMEOUTS).tag("limit", "mail").counter().count()).isEqualTo(1);
	}

	@Test
	void oneReservationTakesOnePermitUpToOneHundredPerSecondAndTenMillisecondsOfTheRateAbove() {
		assertThat(batch(RateLimit.perSecond("a", 50))).isEqualTo(1);
		assertThat(batch(RateLimit.perSecond("a", 100))).isEqualTo(1);
		assertThat(batch(RateLimit.perSecond("a", 150))).isEqualTo(2);
		assertThat(batch(RateLimit.perSecond("a", 5_000))).isEqualTo(50);
		assertThat(batch(RateLimit.perSecond("a", 1_000_000_000))).isEqualTo(ReservedPermits.MAX_BATCH);
	}

	@Test
	void permitsReservedInABatchAreHandedOutAtTheirTimesAndReservedOnlyOnce() throws Exception {
		List<Integer> counts = new ArrayList<>();
		RateLimitStore counting = new RateLimitStore() {

			private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();

			@Override
			public OptionalLong reserve(Rate rate, int count, long now, long latest) {
				counts.add(count);
				return this.store.reserve(rate, count, now, latest);
			}

		};
		RateLimiter limiter = new SharedRateLimiters(counting).limiter(RateLimit.perSecond("fast", 1000));

		long start = System.nanoTime();
		for (int i = 0; i < 30; i++) {
			limiter.acquire();
		}

		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("30 permits at 1,000 per second")
			.isGreaterThanOrEqualTo(Duration.ofMillis(29 - 1));
		assertThat(counts).as("permits per reservation").allMatch((count) -> count == 10).hasSizeLessThan(30);
	}

	private static int batch(RateLimit limit) {
		return new ReservedPermits(new InMemoryRateLimitStore(),
				new RateLimitStore.Rate(limit.name(), limit.permits(), limit.per().toNanos()))
			.batch();
	}

}
