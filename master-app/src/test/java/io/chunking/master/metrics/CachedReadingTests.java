package io.chunking.master.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class CachedReadingTests {

	private static final Duration MAX_WAIT = Duration.ofMillis(300);

	private final AtomicInteger readings = new AtomicInteger();

	/** Blocks every reading after the first until released. */
	private final CountDownLatch release = new CountDownLatch(1);

	@Test
	void aValueIsReadOnceAndServedUntilItIsOlderThanMaxAge() throws Exception {
		try (CachedReading<Integer> reading = new CachedReading<>(this::count, 0, Duration.ofMillis(500), MAX_WAIT,
				"test-reading")) {
			for (int i = 0; i < 5; i++) {
				assertThat(reading.get()).isEqualTo(1);
			}
			Thread.sleep(600);
			assertThat(reading.get()).isEqualTo(2);
		}
		assertThat(this.readings).hasValue(2);
	}

	@Test
	void aCallerWaitsAtMostMaxWaitForAHangingReadingAndGetsThePreviousValue() throws Exception {
		try (CachedReading<Integer> reading = new CachedReading<>(hangingAfterFirst(), 0, Duration.ZERO, MAX_WAIT,
				"test-reading")) {
			assertThat(reading.get()).isEqualTo(1);
			for (int i = 0; i < 3; i++) {
				long started = System.nanoTime();
				assertThat(reading.get()).as("previous value").isEqualTo(1);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MAX_WAIT.plusMillis(200));
			}
			assertThat(this.readings).as("one reading at a time").hasValue(2);
			this.release.countDown();
			assertThat(reading.get()).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void theInitialValueIsServedUntilTheFirstReadingEnds() {
		try (CachedReading<Integer> reading = new CachedReading<>(() -> {
			await(this.release);
			return 1;
		}, -1, Duration.ofSeconds(5), MAX_WAIT, "test-reading")) {
			assertThat(reading.get()).isEqualTo(-1);
			this.release.countDown();
		}
	}

	@Test
	void aFailedReadingKeepsThePreviousValueUntilMaxAgeHasPassed() throws Exception {
		try (CachedReading<Integer> reading = new CachedReading<>(() -> {
			if (this.readings.incrementAndGet() > 1) {
				throw new IllegalStateException("store down");
			}
			return 1;
		}, 0, Duration.ofSeconds(1), MAX_WAIT, "test-reading")) {
			assertThat(reading.get()).isEqualTo(1);
			Thread.sleep(1100);
			assertThat(reading.get()).isEqualTo(1);
			assertThat(reading.get()).isEqualTo(1);
			assertThat(this.readings).as("the failed reading is not repeated at once").hasValue(2);
		}
	}

	private Integer count() {
		return this.readings.incrementAndGet();
	}

	private Supplier<Integer> hangingAfterFirst() {
		return () -> {
			int n = this.readings.incrementAndGet();
			if (n > 1) {
				await(this.release);
			}
			return n;
		};
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
