package io.chunking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class StoreRetryTests {

	private final StoreOutage outage = new StoreOutage();

	@Test
	void retriesWhileTheStoreIsUnavailableAndReturnsTheFirstAnswer() throws Exception {
		AtomicInteger tries = new AtomicInteger();
		StoreRetry retry = new StoreRetry(Duration.ofSeconds(10), "test.limit", this.outage);

		String answer = retry.call("reading", () -> {
			if (tries.incrementAndGet() < 3) {
				throw new StoreUnavailableException("MongoDB", "connection refused", null);
			}
			return "answer";
		});

		assertThat(answer).isEqualTo("answer");
		assertThat(tries).hasValue(3);
		assertThat(this.outage.failingFor(Instant.now())).as("the outage ended").isZero();
	}

	@Test
	void givesUpOnceTheStoreFailedForLongerThanTheLimitNamingTheSetting() {
		StoreRetry retry = new StoreRetry(Duration.ofMillis(500), "chunking.test.limit", this.outage);

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> retry.call("claim of chunk 3",
				() -> {
					throw new StoreUnavailableException("S3", "connection refused", null);
				}))
			.withMessageStartingWith("claim of chunk 3: S3 was unavailable for ")
			.withMessageContaining("longer than PT0.5S (chunking.test.limit): connection refused")
			.satisfies((ex) -> assertThat(ex.getStore()).isEqualTo("S3"));
		assertThat(this.outage.failingFor(Instant.now())).isPositive();
		assertThat(this.outage.lastFailure()).isEqualTo("S3: connection refused");
	}

	@Test
	void doesNotRetryOtherFailures() {
		AtomicInteger tries = new AtomicInteger();
		StoreRetry retry = new StoreRetry(Duration.ofSeconds(10), "test.limit", this.outage);

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> retry.call("reading", () -> {
			tries.incrementAndGet();
			throw new IllegalStateException("a bug");
		}));
		assertThat(tries).hasValue(1);
	}

	@Test
	void anInterruptedWaitEndsTheRetryWithTheFlagSet() throws Exception {
		StoreRetry retry = new StoreRetry(Duration.ofMinutes(1), "test.limit", this.outage);
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(InterruptedException.class).isThrownBy(() -> retry.call("reading", () -> {
				throw new StoreUnavailableException("MongoDB", "down", null);
			}));
		}
		finally {
			Thread.interrupted();
		}
	}

}
