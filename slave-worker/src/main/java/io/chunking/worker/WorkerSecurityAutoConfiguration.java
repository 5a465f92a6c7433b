package io.chunking.worker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.chunking.support.security.ApiRole;
import io.chunking.support.security.ApiSecurityProperties;
import io.chunking.support.security.ApiUsers;

/**
 * The worker's HTTP endpoint serves actuator only: {@code /actuator/health} is open, the rest (prometheus) needs
 * HTTP Basic with a user of {@code chunking.security.users}, the same users as the master's API. With no user
 * configured nobody gets past health: a worker generates no password.
 */
@AutoConfiguration(before = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		ManagementWebSecurityAutoConfiguration.class })
@EnableConfigurationProperties(ApiSecurityProperties.class)
public final class WorkerSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UserDetailsService workerUsers(ApiSecurityProperties properties) {
		return new InMemoryUserDetailsManager(ApiUsers.of(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain workerSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasAnyRole(ApiRole.VIEWER.name(), ApiRole.OPERATOR.name())
			.anyRequest()
			.denyAll())
			.httpBasic((basic) -> {
			})
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
