package io.chunking.master.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * User and password authentication of the API: Spring Security's {@link DaoAuthenticationProvider} (users, password
 * encoders, checks of the account) with
 * <ul>
 * <li>{@link VerifiedCredentials}: a pair verified within the cache's TTL against the same stored password is not
 * hashed again;</li>
 * <li>{@link LoginThrottle}: a client address locked out after repeated failures is refused with
 * {@link LoginThrottledException} before any password is hashed, unless it presents credentials verified within
 * the TTL (a user behind the same address as a guesser keeps working);</li>
 * <li>{@link FailedLogins}: every failure is counted, and logged within limits.</li>
 * </ul>
 */
class ApiAuthenticationProvider extends DaoAuthenticationProvider {

	/** Client address of a request whose details carry none. */
	private static final String UNKNOWN_ADDRESS = "unknown";

	private final VerifiedCredentials verified;

	private final LoginThrottle throttle;

	private final FailedLogins failures;

	ApiAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, VerifiedCredentials verified,
			LoginThrottle throttle, FailedLogins failures) {
		super(users);
		setPasswordEncoder(encoder);
		this.verified = verified;
		this.throttle = throttle;
		this.failures = failures;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String address = address(authentication);
		String user = authentication.getName();
		Duration locked = this.throttle.lockedFor(address);
		if (locked.compareTo(Duration.ZERO) > 0 && !this.verified.holds(user, presented(authentication))) {
			this.failures.refused(address, user);
			throw new LoginThrottledException(address, locked);
		}
		try {
			return super.authenticate(authentication);
		}
		catch (BadCredentialsException | AccountStatusException ex) {
			// Not an InternalAuthenticationServiceException: a user store that fails is no client's failed login.
			this.failures.failed(address, user, this.throttle.failed(address));
			throw ex;
		}
	}

	@Override
	protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken authentication)
			throws AuthenticationException {
		String presented = presented(authentication);
		if (this.verified.verified(user.getUsername(), presented, user.getPassword())) {
			return;
		}
		super.additionalAuthenticationChecks(user, authentication);
		this.verified.remember(user.getUsername(), presented, user.getPassword());
	}

	private static @Nullable String presented(Authentication authentication) {
		return (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : null;
	}

	private static String address(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return UNKNOWN_ADDRESS;
	}

}
