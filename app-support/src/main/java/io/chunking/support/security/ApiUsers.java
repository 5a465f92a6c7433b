package io.chunking.support.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The users of {@code chunking.security.users} as Spring Security users, each checked: a missing name, password or
 * role fails the start naming the entry.
 */
public final class ApiUsers {

	private ApiUsers() {
	}

	public static List<UserDetails> of(ApiSecurityProperties properties) {
		List<UserDetails> users = new ArrayList<>();
		List<ApiSecurityProperties.User> configured = properties.getUsers();
		for (int i = 0; i < configured.size(); i++) {
			users.add(toUserDetails(configured.get(i), "chunking.security.users[" + i + "]"));
		}
		return users;
	}

	private static UserDetails toUserDetails(ApiSecurityProperties.User user, String where) {
		if (user.getName() == null || user.getName().isBlank()) {
			throw new IllegalStateException(where + ".name must be set");
		}
		if (user.getPassword() == null || user.getPassword().isEmpty()) {
			throw new IllegalStateException(where + ".password must be set (user '" + user.getName() + "')");
		}
		if (user.getRoles() == null || user.getRoles().isEmpty()) {
			throw new IllegalStateException(
					where + ".roles must name VIEWER and/or OPERATOR (user '" + user.getName() + "')");
		}
		// A password without an encoding prefix is plain text.
		String password = user.getPassword().startsWith("{") ? user.getPassword() : "{noop}" + user.getPassword();
		return User.withUsername(user.getName())
			.password(password)
			.roles(user.getRoles().stream().map(Enum::name).toArray(String[]::new))
			.build();
	}

}
