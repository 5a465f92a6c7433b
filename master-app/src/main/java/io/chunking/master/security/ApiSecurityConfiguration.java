package io.chunking.master.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.chunking.job.config.security.ApiRole;
import io.chunking.job.config.security.ApiSecurityProperties;
import io.chunking.job.config.security.ApiUsers;
import io.chunking.master.api.ApiError;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic authentication for the REST API and the actuator endpoints: viewers may read, operators may also
 * trigger and control. {@code /actuator/health} stays open for load balancers and orchestrators. Users come from
 * {@code chunking.security.users}; with none configured, the master generates an operator password
 * ({@link GeneratedCredentials}). Stateless: no session, no CSRF token (no cookies are used).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
class ApiSecurityConfiguration {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Bean
	@ConditionalOnMissingBean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	GeneratedCredentials generatedCredentials(ApiSecurityProperties properties,
			org.springframework.core.env.Environment environment) {
		return GeneratedCredentials.of(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	UserDetailsService apiUsers(ApiSecurityProperties properties, GeneratedCredentials generated) {
		List<UserDetails> users = new ArrayList<>(ApiUsers.of(properties));
		if (properties.getUsers().isEmpty()) {
			users.add(User.withUsername(generated.user())
				.password("{noop}" + generated.password())
				.roles(ApiRole.OPERATOR.name())
				.build());
		}
		return new InMemoryUserDetailsManager(users);
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		String viewer = ApiRole.VIEWER.name();
		String operator = ApiRole.OPERATOR.name();
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs", "/v3/api-docs/**")
			.hasAnyRole(viewer, operator)
			.requestMatchers("/api/**")
			.hasRole(operator)
			.requestMatchers("/actuator/**")
			.hasAnyRole(viewer, operator)
			.anyRequest()
			.denyAll())
			.httpBasic((basic) -> basic.authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Basic realm=\"chunking\"");
				write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
						"Authentication required: HTTP Basic with a user from chunking.security.users");
			}))
			.exceptionHandling((handling) -> handling.accessDeniedHandler((request, response,
					ex) -> write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
							"User '" + ((request.getUserPrincipal() != null) ? request.getUserPrincipal().getName()
									: "?") + "' may not " + request.getMethod() + " " + request.getRequestURI()
									+ ": this needs the OPERATOR role")))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/** The API's own error body, serialized like every other: the message holds the request URI, user input. */
	private static void write(HttpServletResponse response, int status, String error, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write(JSON.writeValueAsString(new ApiError(error, message)));
	}

}
