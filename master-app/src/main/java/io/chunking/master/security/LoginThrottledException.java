package io.chunking.master.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login refused without checking the password: its client address is locked out after repeated failures.
 */
class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(String address, Duration retryAfter) {
		super("Too many failed logins from " + address + "; try again in " + seconds(retryAfter) + " s");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds until the lockout ends, rounded up (the Retry-After header's unit). */
	long retryAfterSeconds() {
		return seconds(this.retryAfter);
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
