package io.chunking.master.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

import io.chunking.master.trigger.TriggerProperties;
import io.chunking.support.EmbeddedCredentials;
import io.chunking.support.OwnerOnlyFiles;

/**
 * Starts the embedded servers that the environment marks active (those whose external URL is not set, see
 * {@code EmbeddedDefaultsEnvironmentPostProcessor}) and stops them in reverse order on close. If one fails to start,
 * those already started are stopped and the failure says which server and port.
 * <p>
 * The data directory is made owner-only (700) first. The login of the servers ({@code chunking.embedded.user} and
 * {@code chunking.embedded.password}, generated on the first start if not configured) is stored there, owner-only,
 * once the job repository accepts it and before the other servers start: workers and other masters with the same
 * data directory read it from there.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

	/** Bean name; client beans depend on it so the servers are up before anyone connects. */
	public static final String BEAN_NAME = "chunkingEmbeddedInfrastructure";

	private static final Log logger = LogFactory.getLog(EmbeddedInfrastructure.class);

	private final List<EmbeddedServer> servers = new ArrayList<>();

	/** Names of the servers, in the order they start. */
	public static final List<String> SERVERS = List.of("jdbc", "mongo", "s3", "broker");

	EmbeddedInfrastructure(EmbeddedProperties properties, Environment environment) throws Exception {
		this(properties, active(environment), triggerQueue(environment));
	}

	/**
	 * Starts the named servers (of {@link #SERVERS}).
	 * @param triggerQueue the queue of trigger messages, which the broker redelivers with a longer delay
	 */
	EmbeddedInfrastructure(EmbeddedProperties properties, Set<String> servers, String triggerQueue)
			throws Exception {
		if (servers.isEmpty()) {
			return;
		}
		Assert.hasText(properties.getPassword(), "chunking.embedded.password must be set (the master generates it "
				+ "when it is not configured and none is stored in the data directory)");
		Path dataDir = OwnerOnlyFiles.directory(properties.getDataDir());
		EmbeddedCredentials login = new EmbeddedCredentials(properties.getUser(), properties.getPassword());
		EmbeddedCredentials previous = EmbeddedCredentials.read(dataDir).orElse(null);
		try {
			if (servers.contains("jdbc")) {
				start(() -> new EmbeddedH2Server(properties, login, previous), "H2 TCP server",
						properties.getJdbcPort());
			}
			if (!login.equals(previous)) {
				login.write(dataDir);
				logger.info("Stored the login of the embedded servers (user '" + login.user() + "') in "
						+ EmbeddedCredentials.file(dataDir).toAbsolutePath() + " (owner-only)");
			}
			if (servers.contains("mongo")) {
				start(() -> new EmbeddedMongoServer(properties), "Mongo-wire server", properties.getMongoPort());
			}
			if (servers.contains("s3")) {
				start(() -> new EmbeddedS3Server(properties), "S3-compatible server", properties.getS3Port());
			}
			if (servers.contains("broker")) {
				start(() -> new EmbeddedArtemisServer(properties, triggerQueue), "Artemis broker", properties.getBrokerPort());
			}
		}
		catch (Exception ex) {
			close();
			throw ex;
		}
	}

	/** The trigger queue ({@code chunking.triggers.queue}), configured on the broker whether triggers are on or not. */
	static String triggerQueue(Environment environment) {
		return environment.getProperty("chunking.triggers.queue", TriggerProperties.DEFAULT_QUEUE);
	}

	private static Set<String> active(Environment environment) {
		Set<String> active = new LinkedHashSet<>();
		for (String server : SERVERS) {
			if (environment.getProperty("chunking.embedded." + server + ".active", Boolean.class, false)) {
				active.add(server);
			}
		}
		return active;
	}

	private void start(ServerStarter starter, String what, int port) throws Exception {
		EmbeddedServer server;
		try {
			server = starter.start();
		}
		catch (IllegalStateException ex) {
			// Ours, saying what is wrong (a login the job repository refuses, H2 loaded with another bind address).
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the embedded " + what + " on port " + port
					+ " (is the port taken? set chunking.embedded.*-port, or configure an external URL): "
					+ ex.getMessage(), ex);
		}
		this.servers.add(server);
		logger.info("Started embedded " + server.describe());
	}

	@Override
	public void close() {
		for (int i = this.servers.size() - 1; i >= 0; i--) {
			EmbeddedServer server = this.servers.remove(i);
			try {
				server.close();
				logger.info("Stopped embedded " + server.describe());
			}
			catch (Exception ex) {
				logger.warn("Could not stop embedded " + server.describe() + ": " + ex.getMessage());
			}
		}
	}

	@FunctionalInterface
	private interface ServerStarter {

		EmbeddedServer start() throws Exception;

	}

}
