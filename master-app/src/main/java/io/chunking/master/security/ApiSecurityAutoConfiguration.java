package io.chunking.master.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.chunking.support.security.ApiRole;
import io.chunking.support.security.ApiSecurityProperties;
import io.chunking.support.security.ApiUsers;
import io.chunking.master.api.ApiError;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * HTTP Basic authentication for the REST API and the actuator endpoints: viewers may read, operators may also
 * trigger and control. {@code /actuator/health} stays open for load balancers and orchestrators, and so do the
 * dashboard's static files (they hold no data; the page calls the API with the user's credentials), served with a
 * strict Content-Security-Policy. Users come from
 * {@code chunking.security.users}; with none configured, the master generates an operator password
 * ({@link GeneratedCredentials}). Stateless: no session, no CSRF token (no cookies are used). Logins go through
 * {@link ApiAuthenticationProvider}: verified credentials are cached for a short time, failed logins are counted,
 * logged within limits and throttled per client address.
 */
@AutoConfiguration(before = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		ManagementWebSecurityAutoConfiguration.class })
@EnableConfigurationProperties(ApiSecurityProperties.class)
public final class ApiSecurityAutoConfiguration {

	/** Paths that serve something to an authenticated user; a request denied elsewhere is told 404. */
	private static final RequestMatcher SERVED = new OrRequestMatcher(
			Stream.of("/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**")
				.map((pattern) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
				.toList());

	/** The dashboard's static files: no data, served to anyone so that its login form can load. */
	private static final String[] DASHBOARD = { "/", "/index.html", "/dashboard/**", "/favicon.ico" };

	/**
	 * The policy of the dashboard's pages: its own scripts, styles and API only, nothing inline, never in a frame.
	 */
	static final String DASHBOARD_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
			+ "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

	/** Sent by the dashboard's scripts: a 401 to them must not make the browser ask for credentials itself. */
	static final String REQUESTED_WITH = "X-Requested-With";

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
	SecurityFilterChain apiSecurity(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
			ApiSecurityProperties properties, MeterRegistry meters) throws Exception {
		ApiAuthenticationProvider provider = new ApiAuthenticationProvider(users, encoder,
				new VerifiedCredentials(properties.getCredentialCache(), meters, System::nanoTime),
				new LoginThrottle(properties.getLoginThrottle(), Clock.systemUTC()),
				new FailedLogins(meters, properties.getLoginThrottle().getMaxClients(), Clock.systemUTC()));
		provider.afterPropertiesSet();
		String viewer = ApiRole.VIEWER.name();
		String operator = ApiRole.OPERATOR.name();
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.GET, DASHBOARD)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs", "/v3/api-docs/**")
			.hasAnyRole(viewer, operator)
			.requestMatchers("/api/**")
			.hasRole(operator)
			.requestMatchers("/actuator/**")
			.hasAnyRole(viewer, operator)
			.anyRequest()
			.denyAll())
			.authenticationManager(new ProviderManager(provider))
			.httpBasic((basic) -> basic.authenticationEntryPoint(ApiSecurityAutoConfiguration::unauthenticated))
			.exceptionHandling((handling) -> handling.accessDeniedHandler(ApiSecurityAutoConfiguration::denied))
			.headers((headers) -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(dashboard(),
					new StaticHeadersWriter("Content-Security-Policy", DASHBOARD_CONTENT_SECURITY_POLICY))))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	private static RequestMatcher dashboard() {
		return new OrRequestMatcher(Stream.of(DASHBOARD)
			.map((pattern) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, pattern))
			.toList());
	}

	/**
	 * No or wrong credentials (401), or a client address locked out after repeated failed logins (429 with the
	 * seconds to wait in Retry-After). A request of a script ({@value #REQUESTED_WITH} set, as the dashboard's are)
	 * gets no {@code WWW-Authenticate} challenge, which would make the browser show its own login prompt over the
	 * page's.
	 */
	private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		if (ex instanceof LoginThrottledException throttled) {
			response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
			new ApiError("too_many_failed_logins", throttled.getMessage()).writeTo(response, HttpStatus.TOO_MANY_REQUESTS.value());
			return;
		}
		if (request.getHeader(REQUESTED_WITH) == null) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"chunking\"");
		}
		new ApiError("unauthorized", "Authentication required: HTTP Basic with a user from chunking.security.users")
			.writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
	}

	/**
	 * A request the firewall refuses (an encoded slash, {@code ..}, {@code ;} in the path): a 400 in the API's JSON
	 * saying why.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler apiRequestRejectedHandler() {
		return (request, response, ex) -> new ApiError(ApiError.code(HttpServletResponse.SC_BAD_REQUEST),
				ex.getMessage()).writeTo(response, HttpServletResponse.SC_BAD_REQUEST);
	}

	/**
	 * An authenticated user denied: under /api, a viewer asking to change something (403); outside /api,
	 * /actuator and /v3/api-docs there is nothing to serve (404).
	 */
	private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		String path = request.getMethod() + " " + request.getRequestURI();
		if (!SERVED.matches(request)) {
			new ApiError(ApiError.code(HttpServletResponse.SC_NOT_FOUND),
					"No endpoint " + path + "; /v3/api-docs lists the API's endpoints")
				.writeTo(response, HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		String user = (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "?";
		new ApiError("forbidden", "User '" + user + "' may not " + path + ": this needs the OPERATOR role")
			.writeTo(response, HttpServletResponse.SC_FORBIDDEN);
	}

}
