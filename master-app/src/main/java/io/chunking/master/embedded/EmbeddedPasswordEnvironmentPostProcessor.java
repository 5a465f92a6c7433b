package io.chunking.master.embedded;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.chunking.support.EmbeddedCredentials;
import io.chunking.support.EmbeddedDefaults;
import io.chunking.support.EmbeddedDefaultsEnvironmentPostProcessor;

/**
 * Generates the password of the embedded servers on the master's first start: when {@code chunking.embedded.password}
 * is not configured and the data directory holds no stored login, a random password becomes
 * {@code chunking.embedded.password} for this start, and {@link EmbeddedInfrastructure} stores it. Runs just before
 * {@link EmbeddedDefaultsEnvironmentPostProcessor}, which hands the login to the clients.
 */
public class EmbeddedPasswordEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the generated password. */
	public static final String SOURCE_NAME = "chunkingGeneratedEmbeddedPassword";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("chunking.embedded.enabled", Boolean.class, true)
				|| EmbeddedDefaultsEnvironmentPostProcessor.credentials(environment).isPresent()) {
			return;
		}
		String user = environment.getProperty("chunking.embedded.user", EmbeddedDefaults.USER);
		environment.getPropertySources()
			.addLast(new MapPropertySource(SOURCE_NAME,
					Map.of("chunking.embedded.password", EmbeddedCredentials.generate(user).password())));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
