package io.chunking.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Points every client at the embedded default infrastructure unless its external URL is set. For each of the
 * broker ({@code spring.artemis.broker-url}), the job repository ({@code spring.datasource.url}), S3
 * ({@code chunking.store.s3.endpoint}) and MongoDB ({@code chunking.store.mongo.uri}): when the URL is not
 * configured and {@code chunking.embedded.enabled} is true (the default), the URL of the embedded server on
 * {@code chunking.embedded.host} is set and {@code chunking.embedded.<server>.active} is set to true, which tells
 * the master to host that server. A URL set by the user turns its embedded server off.
 * <p>
 * The broker, S3 and H2 clients log in with the embedded login: {@code chunking.embedded.user} and
 * {@code chunking.embedded.password} if the password is configured, else the login the master stored in
 * {@code <chunking.embedded.data-dir>/embedded-credentials.properties} (see {@link EmbeddedCredentials}). A process
 * that needs the embedded broker or S3 server and finds neither fails to start, saying so. The Mongo-wire server
 * has no authentication: it is on {@code chunking.embedded.mongo-host}, which defaults to the loopback interface
 * unless {@code chunking.embedded.host} is a loopback address itself.
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
		Optional<EmbeddedCredentials> login = credentials(environment);
		Map<String, Object> defaults = new LinkedHashMap<>();
		login.ifPresent((credentials) -> {
			defaults.put("chunking.embedded.user", credentials.user());
			defaults.put("chunking.embedded.password", credentials.password());
		});
		if (!environment.containsProperty("spring.artemis.broker-url")) {
			int port = environment.getProperty("chunking.embedded.broker-port", Integer.class, EmbeddedDefaults.BROKER_PORT);
			defaults.put("spring.artemis.broker-url", "tcp://" + host + ":" + port);
			EmbeddedCredentials credentials = required(login, environment, "broker");
			defaults.put("spring.artemis.user", credentials.user());
			defaults.put("spring.artemis.password", credentials.password());
			defaults.put("chunking.embedded.broker.active", true);
		}
		defaults.put("spring.artemis.mode", "native");
		// Spring Boot would otherwise start an in-VM broker of its own whenever artemis-jakarta-server is present.
		defaults.put("spring.artemis.embedded.enabled", false);
		if (!environment.containsProperty("spring.datasource.url")) {
			int port = environment.getProperty("chunking.embedded.jdbc-port", Integer.class, EmbeddedDefaults.JDBC_PORT);
			defaults.put("spring.datasource.url", "jdbc:h2:tcp://" + host + ":" + port + "/"
					+ EmbeddedDefaults.JDBC_DATABASE + ";DB_CLOSE_ON_EXIT=FALSE");
			// Workers have no job repository: only the master, which always has a login, needs these.
			login.ifPresent((credentials) -> {
				defaults.put("spring.datasource.username", credentials.user());
				defaults.put("spring.datasource.password", credentials.password());
			});
			defaults.put("chunking.embedded.jdbc.active", true);
		}
		if (!environment.containsProperty("chunking.store.s3.endpoint")) {
			int port = environment.getProperty("chunking.embedded.s3-port", Integer.class, EmbeddedDefaults.S3_PORT);
			defaults.put("chunking.store.s3.endpoint", "http://" + host + ":" + port);
			EmbeddedCredentials credentials = required(login, environment, "S3 server");
			defaults.put("chunking.store.s3.access-key", credentials.user());
			defaults.put("chunking.store.s3.secret-key", credentials.password());
			defaults.put("chunking.embedded.s3.active", true);
		}
		String mongoHost = environment.getProperty("chunking.embedded.mongo-host", EmbeddedDefaults.mongoHost(host));
		defaults.put("chunking.embedded.mongo-host", mongoHost);
		if (!environment.containsProperty("chunking.store.mongo.uri")) {
			int port = environment.getProperty("chunking.embedded.mongo-port", Integer.class, EmbeddedDefaults.MONGO_PORT);
			defaults.put("chunking.store.mongo.uri", "mongodb://" + mongoHost + ":" + port);
			defaults.put("chunking.embedded.mongo.active", true);
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

	/**
	 * The embedded login: the configured password (with the configured user, or the default one), else the login
	 * stored in the data directory if it is for the configured user (or no user is configured), else empty.
	 */
	public static Optional<EmbeddedCredentials> credentials(Environment environment) {
		String user = environment.getProperty("chunking.embedded.user");
		String password = environment.getProperty("chunking.embedded.password");
		if (StringUtils.hasText(password)) {
			return Optional.of(new EmbeddedCredentials(StringUtils.hasText(user) ? user : EmbeddedDefaults.USER,
					password));
		}
		return EmbeddedCredentials.read(dataDir(environment))
			.filter((stored) -> !StringUtils.hasText(user) || user.equals(stored.user()));
	}

	/** {@code chunking.embedded.data-dir}, {@code chunking-data} (in the working directory) by default. */
	public static Path dataDir(Environment environment) {
		return Path.of(environment.getProperty("chunking.embedded.data-dir", EmbeddedDefaults.DATA_DIR));
	}

	private static EmbeddedCredentials required(Optional<EmbeddedCredentials> login, Environment environment,
			String server) {
		return login.orElseThrow(() -> new IllegalStateException("No login for the master's embedded " + server
				+ ": chunking.embedded.password is not set and "
				+ EmbeddedCredentials.file(dataDir(environment)).toAbsolutePath() + " does not exist (or is for "
				+ "another user than chunking.embedded.user). The master writes that file when it starts its embedded "
				+ "servers: start the master first and give this process the master's chunking.embedded.data-dir, or "
				+ "set chunking.embedded.password (and chunking.embedded.user) to the master's, or configure the "
				+ "external URL of the " + server));
	}

}
