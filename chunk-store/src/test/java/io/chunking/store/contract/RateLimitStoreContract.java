package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.chunking.job.RateLimit;
import io.chunking.job.RateLimitTimeoutException;
import io.chunking.job.RateLimiter;
import io.chunking.job.RateLimiters;
import io.chunking.store.ratelimit.RateLimitStore;
import io.chunking.store.ratelimit.SharedRateLimiters;
import io.chunking.store.testing.RateWindows;

/**
 * What every {@link RateLimitStore} guarantees, alone and under the {@link SharedRateLimiters} of several processes.
 * Each backend's test subclasses it and supplies clients of one empty store.
 */
public abstract class RateLimitStoreContract {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	/** Ten permits per second: one every 100 ms. */
	private static final RateLimitStore.Rate TEN_PER_SECOND = new RateLimitStore.Rate("ten", 10, SECOND);

	/** An arbitrary time, epoch nanoseconds. */
	private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * SECOND;

	/**
	 * A client of the test's store: each call a new one, with its own connection for a server's store, as another
	 * process would have; the same store in memory. The store holds no limit at the start of each test.
	 */
	protected abstract RateLimitStore connect();

	@Test
	void aReservationOfSeveralPermitsTakesThemOneIntervalApart() {
		RateLimitStore store = connect();

		assertThat(store.reserve(TEN_PER_SECOND, 3, T0, T0)).hasValue(T0);
		assertThat(store.reserve(TEN_PER_SECOND, 1, T0, T0 + SECOND)).hasValue(T0 + 300 * MILLI);
		assertThat(connect().reserve(TEN_PER_SECOND, 1, T0 + 10 * MILLI, T0 + SECOND))
			.as("reserved by another client").hasValue(T0 + 400 * MILLI);
	}

	@Test
	void aLimitIdleSinceItsLastPermitStartsAgainAtTheCallersNow() {
		RateLimitStore store = connect();
		store.reserve(TEN_PER_SECOND, 1, T0, T0);

		assertThat(connect().reserve(TEN_PER_SECOND, 1, T0 + 5 * SECOND, T0 + 5 * SECOND)).hasValue(T0 + 5 * SECOND);
		assertThat(store.reserve(TEN_PER_SECOND, 1, T0 + 5 * SECOND, T0 + 6 * SECOND))
			.hasValue(T0 + 5 * SECOND + 100 * MILLI);
	}

	@Test
	void aPermitLaterThanTheLatestAllowedIsNotReservedAndNothingIsTaken() {
		RateLimitStore store = connect();
		store.reserve(TEN_PER_SECOND, 1, T0, T0);

		assertThat(store.reserve(TEN_PER_SECOND, 5, T0, T0 + 99 * MILLI)).isEmpty();
		assertThat(connect().reserve(TEN_PER_SECOND, 1, T0, T0 + 100 * MILLI)).hasValue(T0 + 100 * MILLI);
	}

	@Test
	void limitsOfDifferentNamesHaveTheirOwnPermits() {
		RateLimitStore store = connect();
		store.reserve(TEN_PER_SECOND, 1, T0, T0);

		assertThat(store.reserve(new RateLimitStore.Rate("other", 10, SECOND), 1, T0, T0)).hasValue(T0);
	}

	@Test
	void threadsOfSeveralProcessesNeverExceedTheRateInAnySecondAndAllGetTheirPermits() throws Exception {
		RateLimit limit = RateLimit.perSecond("fifty", 50);
		int processes = 4;
		int threadsPerProcess = 2;
		int permitsPerThread = 13;
		List<Long> granted = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(processes * threadsPerProcess);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int p = 0; p < processes; p++) {
				RateLimiter limiter = new SharedRateLimiters(connect()).limiter(limit);
				for (int t = 0; t < threadsPerProcess; t++) {
					done.add(threads.submit(() -> {
						for (int i = 0; i < permitsPerThread; i++) {
							limiter.acquire();
							granted.add(epochNanos());
						}
						return null;
					}));
				}
			}
			for (Future<?> future : done) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		List<Long> times = granted.stream().sorted().toList();
		assertThat(times).hasSize(processes * threadsPerProcess * permitsPerThread);
		// A permit is used within one interval (20 ms) of its time: a window can catch one more at its start.
		assertThat(RateWindows.mostInAnyWindow(times, SECOND)).as("permits granted in any 1 s window")
			.isLessThanOrEqualTo(51);
		assertThat(times.get(times.size() - 1) - times.get(0)).as("from the first to the last of 104 permits")
			.isGreaterThanOrEqualTo(103 * 20 * MILLI - 20 * MILLI);
	}

	@Test
	void tryAcquireWithATooShortTimeoutReturnsFalseAtOnceAndReservesNothing() throws Exception {
		RateLimit onePerTenSeconds = RateLimit.of("slow", 1, Duration.ofSeconds(10));
		RateLimiters limiters = new SharedRateLimiters(connect());
		long before = epochNanos();
		assertThat(limiters.limiter(onePerTenSeconds).tryAcquire(Duration.ZERO)).isTrue();
		long after = epochNanos();

		long start = System.nanoTime();
		assertThat(limiters.limiter(onePerTenSeconds).tryAcquire(Duration.ofMillis(200))).isFalse();
		assertThatExceptionOfType(RateLimitTimeoutException.class)
			.isThrownBy(() -> limiters.limiter(onePerTenSeconds.maxWait(Duration.ofMillis(200))).acquire())
			.withMessage("No permit of rate limit slow (1 per PT10S) within PT0.2S");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("spent refusing").isLessThan(Duration.ofSeconds(2));

		long next = connect().reserve(new RateLimitStore.Rate("slow", 1, 10 * SECOND), 1, after, after + 20 * SECOND)
			.getAsLong();
		assertThat(next).as("the permit after the first one").isBetween(before + 10 * SECOND, after + 10 * SECOND);
	}

	@Test
	void aNameUsedWithTwoRatesInOneProcessIsRefusedNamingBoth() {
		RateLimiters limiters = new SharedRateLimiters(connect());
		limiters.limiter(RateLimit.perSecond("api", 50));

		assertThatIllegalArgumentException().isThrownBy(() -> limiters.limiter(RateLimit.perSecond("api", 20)))
			.withMessage("Rate limit 'api' is used with two rates in this process: 50 per PT1S and 20 per PT1S; "
					+ "give each rate a name of its own");
		assertThat(limiters.limiter(RateLimit.of("api", 100, Duration.ofSeconds(2)).maxWait(Duration.ofSeconds(1))))
			.as("the same rate put another way, with another wait").isNotNull();
	}

	private static long epochNanos() {
		Instant now = Instant.now();
		return now.getEpochSecond() * SECOND + now.getNano();
	}

}
