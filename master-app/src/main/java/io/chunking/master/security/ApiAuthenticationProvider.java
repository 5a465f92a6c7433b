package io.chunking.master.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * User and password authentication of the API: Spring Security's {@link DaoAuthenticationProvider} (users, password
 * encoders, checks of the account) with {@link VerifiedCredentials}: a pair verified within the cache's TTL against
 * the same stored password is not hashed again.
 */
class ApiAuthenticationProvider extends DaoAuthenticationProvider {

	private final VerifiedCredentials verified;

	ApiAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, VerifiedCredentials verified) {
		super(users);
		setPasswordEncoder(encoder);
		this.verified = verified;
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

	private static String presented(Authentication authentication) {
		return (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : null;
	}

}
