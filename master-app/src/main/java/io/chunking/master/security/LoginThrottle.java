package io.chunking.master.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import io.chunking.support.security.ApiSecurityProperties;

/**
 * Counts failed logins per client address and locks an address out for {@code lockout} once it reaches
 * {@code maxFailures} within {@code window} (a fixed window that starts at the first failure). A success does not
 * reset the count: a valid login of one user must not buy more guesses at another's password. At most
 * {@code maxClients} addresses are remembered; beyond that the least recently seen are forgotten.
 */
final class LoginThrottle {

	private final boolean enabled;

	private final int maxFailures;

	private final Duration window;

	private final Duration lockout;

	private final Clock clock;

	private final RecentEntries<String, Client> clients;

	LoginThrottle(ApiSecurityProperties.LoginThrottle properties, Clock clock) {
		Assert.isTrue(properties.getMaxFailures() >= 1, () -> "chunking.security.login-throttle.max-failures must be "
				+ "at least 1, was " + properties.getMaxFailures());
		Assert.isTrue(properties.getWindow().compareTo(Duration.ZERO) > 0,
				"chunking.security.login-throttle.window must be positive");
		Assert.isTrue(properties.getLockout().compareTo(Duration.ZERO) > 0,
				"chunking.security.login-throttle.lockout must be positive");
		this.enabled = properties.isEnabled();
		this.maxFailures = properties.getMaxFailures();
		this.window = properties.getWindow();
		this.lockout = properties.getLockout();
		this.clock = clock;
		this.clients = new RecentEntries<>(properties.getMaxClients());
	}

	/** How long the address is still locked out, {@link Duration#ZERO} if it is not. */
	synchronized Duration lockedFor(String address) {
		Client client = this.clients.get(address);
		if (client == null || client.lockedUntil == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), client.lockedUntil);
		return (left.compareTo(Duration.ZERO) > 0) ? left : Duration.ZERO;
	}

	/**
	 * Records a failed login of the address.
	 * @return the lockout this failure starts, {@link Duration#ZERO} if it starts none
	 */
	synchronized Duration failed(String address) {
		if (!this.enabled) {
			return Duration.ZERO;
		}
		Instant now = this.clock.instant();
		Client client = this.clients.computeIfAbsent(address, (key) -> new Client(now));
		if (!now.isBefore(client.windowStart.plus(this.window))) {
			client.windowStart = now;
			client.failures = 0;
		}
		client.failures++;
		if (client.failures < this.maxFailures) {
			return Duration.ZERO;
		}
		client.lockedUntil = now.plus(this.lockout);
		client.windowStart = now;
		client.failures = 0;
		return this.lockout;
	}

	private static final class Client {

		private Instant windowStart;

		private int failures;

		private @Nullable Instant lockedUntil;

		private Client(Instant windowStart) {
			this.windowStart = windowStart;
		}

	}

}
