package io.chunking.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import io.chunking.support.security.ApiSecurityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The provider against Spring Security's in-memory user store and real bcrypt hashes, as the master wires it.
 */
class ApiAuthenticationProviderTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
			User.withUsername("alice").password(this.encoder.encode("first-secret")).roles("VIEWER").build());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LoginThrottleTests.MovableClock clock = new LoginThrottleTests.MovableClock();

	private final AtomicLong nanoTime = new AtomicLong();

	private final ApiSecurityProperties properties = new ApiSecurityProperties();

	private ApiAuthenticationProvider provider() {
		this.properties.getLoginThrottle().setMaxFailures(3);
		this.properties.getLoginThrottle().setLockout(Duration.ofSeconds(30));
		ApiAuthenticationProvider provider = new ApiAuthenticationProvider(this.users, this.encoder,
				new VerifiedCredentials(this.properties.getCredentialCache(), this.meters, this.nanoTime::get),
				new LoginThrottle(this.properties.getLoginThrottle(), this.clock),
				new FailedLogins(this.meters, 100, this.clock));
		provider.afterPropertiesSet();
		return provider;
	}

	@Test
	void repeatedLoginsHashThePasswordOnceAndAWrongPasswordIsStillRefused() {
		ApiAuthenticationProvider provider = provider();
		for (int i = 0; i < 20; i++) {
			Authentication authenticated = provider.authenticate(login("alice", "first-secret", "10.0.0.1"));
			assertThat(authenticated.isAuthenticated()).isTrue();
			assertThat(authenticated.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("ROLE_VIEWER")
				.doesNotContain("ROLE_OPERATOR");
		}
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> provider.authenticate(login("alice", "first-secret!", "10.0.0.1")));
		assertThat(checks("hit")).isEqualTo(19);
		assertThat(checks("miss")).as("hashed: the first login and the wrong password").isEqualTo(2);
		assertThat(failures("bad_credentials")).isEqualTo(1);
	}

	@Test
	void aChangedPasswordDoesNotKeepWorkingFromTheCache() {
		ApiAuthenticationProvider provider = provider();
		provider.authenticate(login("alice", "first-secret", "10.0.0.1"));
		this.users.updateUser(User.withUsername("alice").password(this.encoder.encode("second-secret")).roles("VIEWER")
			.build());
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> provider.authenticate(login("alice", "first-secret", "10.0.0.1")));
		assertThat(provider.authenticate(login("alice", "second-secret", "10.0.0.1")).isAuthenticated()).isTrue();

		this.users.deleteUser("alice");
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> provider.authenticate(login("alice", "second-secret", "10.0.0.1")));
	}

	@Test
	void aLockedOutAddressIsRefusedWithoutHashingExceptForCredentialsVerifiedBefore() {
		ApiAuthenticationProvider provider = provider();
		provider.authenticate(login("alice", "first-secret", "10.0.0.1"));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> provider.authenticate(login("alice", "guess", "10.0.0.1")));
		}
		double hashed = checks("miss");
		assertThatExceptionOfType(LoginThrottledException.class)
			.isThrownBy(() -> provider.authenticate(login("alice", "another-guess", "10.0.0.1")))
			.withMessage("Too many failed logins from 10.0.0.1; try again in 30 s");
		assertThatExceptionOfType(LoginThrottledException.class)
			.isThrownBy(() -> provider.authenticate(login("mallory", "guess", "10.0.0.1")));
		assertThat(checks("miss")).as("nothing hashed while locked out").isEqualTo(hashed);
		assertThat(provider.authenticate(login("alice", "first-secret", "10.0.0.1")).isAuthenticated())
			.as("verified before the lockout").isTrue();
		assertThat(provider.authenticate(login("alice", "first-secret", "10.0.0.2")).isAuthenticated())
			.as("another address").isTrue();
		assertThat(failures("bad_credentials")).isEqualTo(3);
		assertThat(failures("locked_out")).isEqualTo(2);

		this.clock.advance(Duration.ofSeconds(30));
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> provider.authenticate(login("alice", "guess", "10.0.0.1")));
	}

	@Test
	void aFailingUserStoreIsNoFailedLoginOfTheClient() {
		this.properties.getLoginThrottle().setMaxFailures(3);
		ApiAuthenticationProvider provider = new ApiAuthenticationProvider((name) -> {
			throw new IllegalStateException("user store down");
		}, this.encoder, new VerifiedCredentials(this.properties.getCredentialCache(), this.meters, this.nanoTime::get),
				new LoginThrottle(this.properties.getLoginThrottle(), this.clock),
				new FailedLogins(this.meters, 100, this.clock));
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(InternalAuthenticationServiceException.class)
				.isThrownBy(() -> provider.authenticate(login("alice", "first-secret", "10.0.0.1")));
		}
		assertThat(failures("bad_credentials")).isZero();
		assertThat(failures("locked_out")).isZero();
	}

	private static UsernamePasswordAuthenticationToken login(String user, String password, String address) {
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		token.setDetails(new WebAuthenticationDetails(request));
		return token;
	}

	private double checks(String cache) {
		return this.meters.get(VerifiedCredentials.METRIC).tag("cache", cache).counter().count();
	}

	private double failures(String reason) {
		return this.meters.get(FailedLogins.METRIC).tag("reason", reason).counter().count();
	}

}
