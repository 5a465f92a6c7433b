package io.chunking.job.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every client at the embedded default infrastructure unless its external URL is set. For each of the
 * broker ({@code spring.artemis.broker-url}), the job repository ({@code spring.datasource.url}), S3
 * ({@code chunking.store.s3.endpoint}) and MongoDB ({@code chunking.store.mongo.uri}): when the URL is not
 * configured and {@code chunking.embedded.enabled} is true (the default), the URL of the embedded server on
 * {@code chunking.embedded.host} is set and {@code chunking.embedded.<server>.active} is set to true, which tells
 * the master to host that server. A URL set by the user turns its embedded server off.
 */
public class EmbeddedDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** Name of the property source holding the derived defaults. */
	public static final String SOURCE_NAME = "chunkingEmbeddedDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("chunking.embedded.enabled", Boolean.class, true)) {
			return;
		}
		String host = environment.getProperty("chunking.embedded.host", EmbeddedDefaults.HOST);
		String user = environment.getProperty("chunking.embedded.user", EmbeddedDefaults.USER);
		String password = environment.getProperty("chunking.embedded.password", EmbeddedDefaults.PASSWORD);
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (!environment.containsProperty("spring.artemis.broker-url")) {
			int port = environment.getProperty("chunking.embedded.broker-port", Integer.class, EmbeddedDefaults.BROKER_PORT);
			defaults.put("spring.artemis.broker-url", "tcp://" + host + ":" + port);
			defaults.put("spring.artemis.user", user);
			defaults.put("spring.artemis.password", password);
			defaults.put("chunking.embedded.broker.active", true);
		}
		defaults.put("spring.artemis.mode", "native");
		// Spring Boot would otherwise start an in-VM broker of its own whenever artemis-jakarta-server is present.
		defaults.put("spring.artemis.embedded.enabled", false);
		if (!environment.containsProperty("spring.datasource.url")) {
			int port = environment.getProperty("chunking.embedded.jdbc-port", Integer.class, EmbeddedDefaults.JDBC_PORT);
			defaults.put("spring.datasource.url", "jdbc:h2:tcp://" + host + ":" + port + "/chunking;DB_CLOSE_ON_EXIT=FALSE");
			defaults.put("spring.datasource.username", "sa");
			defaults.put("spring.datasource.password", "");
			defaults.put("chunking.embedded.jdbc.active", true);
		}
		if (!environment.containsProperty("chunking.store.s3.endpoint")) {
			int port = environment.getProperty("chunking.embedded.s3-port", Integer.class, EmbeddedDefaults.S3_PORT);
			defaults.put("chunking.store.s3.endpoint", "http://" + host + ":" + port);
			defaults.put("chunking.store.s3.access-key", user);
			defaults.put("chunking.store.s3.secret-key", password);
			defaults.put("chunking.embedded.s3.active", true);
		}
		if (!environment.containsProperty("chunking.store.mongo.uri")) {
			int port = environment.getProperty("chunking.embedded.mongo-port", Integer.class, EmbeddedDefaults.MONGO_PORT);
			defaults.put("chunking.store.mongo.uri", "mongodb://" + host + ":" + port);
			defaults.put("chunking.embedded.mongo.active", true);
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

}
