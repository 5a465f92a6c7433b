package io.chunking.master.api;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.chunking.support.security.ApiRole;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * Who the caller is: a client (the dashboard) logs in by asking, and shows the controls of an operator only.
 */
@RestController
class MeController {

	private static final String ROLE_PREFIX = "ROLE_";

	/**
	 * @param user the name the caller logged in with
	 * @param roles the caller's API roles ({@code VIEWER}, {@code OPERATOR})
	 * @param operator whether the caller may trigger jobs, control executions and pause schedules
	 */
	record Me(String user, List<String> roles, boolean operator) {
	}

	@GetMapping("/api/me")
	Me me(@Parameter(hidden = true) Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith(ROLE_PREFIX))
			.map((authority) -> authority.substring(ROLE_PREFIX.length()))
			.sorted()
			.toList();
		return new Me(authentication.getName(), roles, roles.contains(ApiRole.OPERATOR.name()));
	}

}
