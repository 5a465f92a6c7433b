package io.chunking.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.chunking.support.security.ApiSecurityProperties;

class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final ApiSecurityProperties.LoginThrottle properties = new ApiSecurityProperties.LoginThrottle();

	LoginThrottleTests() {
		this.properties.setMaxFailures(3);
		this.properties.setWindow(Duration.ofSeconds(60));
		this.properties.setLockout(Duration.ofSeconds(30));
	}

	@Test
	void anAddressIsLockedOutAtMaxFailuresWithinTheWindowAndOnlyThatAddress() {
		LoginThrottle throttle = new LoginThrottle(this.properties, this.clock);
		assertThat(throttle.failed("10.0.0.1")).isZero();
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(throttle.failed("10.0.0.1")).isZero();
		assertThat(throttle.lockedFor("10.0.0.1")).isZero();
		assertThat(throttle.failed("10.0.0.1")).as("the lockout it starts").isEqualTo(Duration.ofSeconds(30));
		assertThat(throttle.lockedFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
		assertThat(throttle.lockedFor("10.0.0.2")).isZero();
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(throttle.lockedFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(throttle.lockedFor("10.0.0.1")).isZero();
		assertThat(throttle.failed("10.0.0.1")).as("counting starts afresh after a lockout").isZero();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		LoginThrottle throttle = new LoginThrottle(this.properties, this.clock);
		throttle.failed("10.0.0.1");
		throttle.failed("10.0.0.1");
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(throttle.failed("10.0.0.1")).isZero();
		assertThat(throttle.failed("10.0.0.1")).isZero();
		assertThat(throttle.lockedFor("10.0.0.1")).isZero();
	}

	@Test
	void aDisabledThrottleNeverLocksOut() {
		this.properties.setEnabled(false);
		LoginThrottle throttle = new LoginThrottle(this.properties, this.clock);
		for (int i = 0; i < 10; i++) {
			assertThat(throttle.failed("10.0.0.1")).isZero();
		}
		assertThat(throttle.lockedFor("10.0.0.1")).isZero();
	}

	@Test
	void atMostMaxClientsAddressesAreRemembered() {
		this.properties.setMaxClients(2);
		LoginThrottle throttle = new LoginThrottle(this.properties, this.clock);
		throttle.failed("10.0.0.1");
		throttle.failed("10.0.0.1");
		throttle.failed("10.0.0.2");
		throttle.failed("10.0.0.3");
		assertThat(throttle.failed("10.0.0.1")).as("10.0.0.1 was forgotten: its count started again").isZero();
	}

	@Test
	void maxFailuresMustBeAtLeastOne() {
		this.properties.setMaxFailures(0);
		assertThatIllegalArgumentException().isThrownBy(() -> new LoginThrottle(this.properties, this.clock))
			.withMessage("chunking.security.login-throttle.max-failures must be at least 1, was 0");
	}

	/** A clock that moves only when told. */
	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-11-28T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
