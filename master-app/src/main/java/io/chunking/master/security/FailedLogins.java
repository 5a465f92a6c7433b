package io.chunking.master.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes failed logins visible without letting a guesser flood the log: every failure counts in
 * {@value #METRIC} ({@code reason=bad_credentials}, or {@code reason=locked_out} for a request refused during a
 * lockout); the log gets at most one line per client address per {@link #LOG_INTERVAL}, saying how many failures
 * were not logged since the previous line, plus one line for each lockout. Passwords are never logged; user names
 * are logged with control characters replaced and cut to {@value #MAX_NAME_LENGTH} characters.
 */
final class FailedLogins {

	/** Counter of failed logins, tagged {@code reason}. */
	static final String METRIC = "chunking.api.login.failures";

	/** Shortest interval between two lines about the failed logins of one client address. */
	static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private static final int MAX_NAME_LENGTH = 64;

	private static final Log logger = LogFactory.getLog(FailedLogins.class);

	private final Counter badCredentials;

	private final Counter lockedOut;

	private final Clock clock;

	private final RecentEntries<String, Client> clients;

	FailedLogins(MeterRegistry meters, int maxClients, Clock clock) {
		this.badCredentials = counter(meters, "bad_credentials");
		this.lockedOut = counter(meters, "locked_out");
		this.clock = clock;
		this.clients = new RecentEntries<>(maxClients);
	}

	private static Counter counter(MeterRegistry meters, String reason) {
		return Counter.builder(METRIC)
			.description("Failed logins to the API: wrong user or password, or refused during a lockout")
			.tag("reason", reason)
			.register(meters);
	}

	/**
	 * A wrong user or password from {@code address}.
	 * @param lockout the lockout this failure started, zero if none
	 */
	void failed(String address, String user, Duration lockout) {
		this.badCredentials.increment();
		String line = log(address, "Failed login as '" + printable(user) + "' from " + address);
		if (line != null) {
			logger.warn(line);
		}
		if (lockout.compareTo(Duration.ZERO) > 0) {
			logger.warn("Locked out " + address + " for " + lockout.toSeconds() + " s after repeated failed logins "
					+ "(chunking.security.login-throttle.*)");
		}
	}

	/** A login from {@code address} refused without checking the password, because the address is locked out. */
	void refused(String address, String user) {
		this.lockedOut.increment();
		String line = log(address, "Refused a login as '" + printable(user) + "' from locked-out " + address);
		if (line != null) {
			logger.warn(line);
		}
	}

	/** The line to log now for this client, or {@code null} if one was logged less than the interval ago. */
	private @Nullable String log(String address, String line) {
		Instant now = this.clock.instant();
		long unlogged;
		synchronized (this.clients) {
			Client client = this.clients.get(address);
			if (client != null && now.isBefore(client.loggedAt.plus(LOG_INTERVAL))) {
				client.unlogged++;
				return null;
			}
			unlogged = (client != null) ? client.unlogged : 0;
			this.clients.put(address, new Client(now));
		}
		return (unlogged > 0) ? line + " (" + unlogged + " more failed logins from it since the previous line)" : line;
	}

	private static String printable(@Nullable String user) {
		String name = (user != null) ? user : "";
		if (name.length() > MAX_NAME_LENGTH) {
			name = name.substring(0, MAX_NAME_LENGTH) + "...";
		}
		return name.replaceAll("\\p{Cntrl}", "?");
	}

	private static final class Client {

		private final Instant loggedAt;

		private long unlogged;

		private Client(Instant loggedAt) {
			this.loggedAt = loggedAt;
		}

	}

}
