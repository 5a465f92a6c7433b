package io.chunking.support.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the master's REST API and actuator endpoints.
 */
@ConfigurationProperties("chunking.security")
public class ApiSecurityProperties {

	/**
	 * Users allowed to call the API, each with a name, a password and roles. Passwords may carry a Spring Security
	 * encoding prefix ("{bcrypt}...", "{noop}..."); one without a prefix is taken as plain text. When no user is
	 * configured, the master generates a password for the user named by 'generated-user' at each start.
	 */
	private List<User> users = new ArrayList<>();

	/** Name of the operator user whose password the master generates when no user is configured. */
	private String generatedUser = "admin";

	/**
	 * File the generated credentials (url, user, password) are written to, readable by the owner only; the CLI and
	 * samples/demo read it. Defaults to 'credentials.properties' in chunking.embedded.data-dir.
	 */
	private @Nullable Path credentialsFile;

	/**
	 * Whether the master prints a generated password on its console (stdout) at start-up. Whatever captures stdout
	 * (a service manager's journal, container logs, CI output) keeps it; the credentials file has it either way.
	 */
	private boolean printGeneratedPassword = true;

	/** Throttling of failed logins per client address (master only). */
	private final LoginThrottle loginThrottle = new LoginThrottle();

	/** Cache of verified credentials, so that a password hash is not computed on every request (master only). */
	private final CredentialCache credentialCache = new CredentialCache();

	public List<User> getUsers() {
		return this.users;
	}

	public void setUsers(List<User> users) {
		this.users = users;
	}

	public String getGeneratedUser() {
		return this.generatedUser;
	}

	public void setGeneratedUser(String generatedUser) {
		this.generatedUser = generatedUser;
	}

	public @Nullable Path getCredentialsFile() {
		return this.credentialsFile;
	}

	public void setCredentialsFile(@Nullable Path credentialsFile) {
		this.credentialsFile = credentialsFile;
	}

	public boolean isPrintGeneratedPassword() {
		return this.printGeneratedPassword;
	}

	public void setPrintGeneratedPassword(boolean printGeneratedPassword) {
		this.printGeneratedPassword = printGeneratedPassword;
	}

	public LoginThrottle getLoginThrottle() {
		return this.loginThrottle;
	}

	public CredentialCache getCredentialCache() {
		return this.credentialCache;
	}

	/** One API user. */
	public static class User {

		/** User name. */
		private @Nullable String name;

		/** Password, plain or with a Spring Security encoding prefix such as "{bcrypt}". */
		private @Nullable String password;

		/** Roles: VIEWER (queries) and/or OPERATOR (queries, triggering, control). */
		private List<ApiRole> roles = new ArrayList<>(List.of(ApiRole.VIEWER));

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<ApiRole> getRoles() {
			return this.roles;
		}

		public void setRoles(List<ApiRole> roles) {
			this.roles = roles;
		}

		@Override
		public String toString() {
			// Never the password: this may end up in a log line.
			return "User[name=" + this.name + ", roles=" + this.roles + "]";
		}

	}

	/**
	 * After {@code maxFailures} failed logins from one client address within {@code window}, that address is refused
	 * (429 with Retry-After) for {@code lockout}, except for credentials verified within the credential cache's TTL.
	 */
	public static class LoginThrottle {

		/** Whether repeated failed logins lock the client address out for a while. */
		private boolean enabled = true;

		/** Failed logins from one client address within 'window' that lock it out. */
		private int maxFailures = 10;

		/** Period over which the failed logins of a client address are counted. */
		private Duration window = Duration.ofMinutes(1);

		/** How long a locked-out client address is refused. */
		private Duration lockout = Duration.ofMinutes(1);

		/**
		 * Client addresses whose failed logins are remembered at once (memory bound); beyond it the least recently
		 * seen are forgotten.
		 */
		private int maxClients = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxFailures() {
			return this.maxFailures;
		}

		public void setMaxFailures(int maxFailures) {
			this.maxFailures = maxFailures;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public Duration getLockout() {
			return this.lockout;
		}

		public void setLockout(Duration lockout) {
			this.lockout = lockout;
		}

		public int getMaxClients() {
			return this.maxClients;
		}

		public void setMaxClients(int maxClients) {
			this.maxClients = maxClients;
		}

	}

	/**
	 * Verified user and password pairs are remembered, keyed by a keyed hash (never the password), so that a
	 * client polling with HTTP Basic does not pay a bcrypt computation per request.
	 */
	public static class CredentialCache {

		/**
		 * How long a verified user and password are accepted without computing the password hash again; 0 turns
		 * the cache off. A changed or removed user is never accepted from the cache.
		 */
		private Duration ttl = Duration.ofMinutes(5);

		/** Verified credentials remembered at once (memory bound); beyond it the least recently used are forgotten. */
		private int maxEntries = 1000;

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

	}

}
