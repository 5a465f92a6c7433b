package io.chunking.master.security;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master's API security is a default: a user's filter chain, users or password encoder replace it.
 */
class ApiSecurityAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApiSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("chunking.embedded.data-dir=" + this.dataDir, "chunking.security.users[0].name=ops",
					"chunking.security.users[0].password={noop}secret", "chunking.security.users[0].roles=OPERATOR");
	}

	@Test
	void securesTheApiWithTheConfiguredUsersByDefault() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityFilterChain.class).hasBean("apiSecurity");
			assertThat(context.getBean(UserDetailsService.class).loadUserByUsername("ops").getAuthorities())
				.extracting(Object::toString)
				.containsExactly("ROLE_OPERATOR");
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAFilterChain() {
		runner().withUserConfiguration(UserFilterChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityFilterChain.class).hasBean("userChain").doesNotHaveBean("apiSecurity");
		});
	}

	@Test
	void backsOffWhenTheUserDefinesUsersAndAPasswordEncoder() {
		runner().withUserConfiguration(UserUsers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(UserDetailsService.class)).isSameAs(context.getBean("directoryUsers"));
			assertThat(context.getBean(UserDetailsService.class).loadUserByUsername("alice")).isNotNull();
			assertThat(context.getBean(PasswordEncoder.class)).isSameAs(NoOpPasswordEncoder.getInstance());
			assertThat(context).hasBean("apiSecurity");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserUsers {

		@Bean
		UserDetailsService directoryUsers() {
			return new InMemoryUserDetailsManager(User.withUsername("alice").password("pw").roles("VIEWER").build());
		}

		@Bean
		@SuppressWarnings("deprecation")
		PasswordEncoder passwordEncoder() {
			return NoOpPasswordEncoder.getInstance();
		}

	}

}
