package io.chunking.store.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.chunking.store.autoconfigure.ChunkStoreAutoConfiguration;
import io.chunking.store.s3.S3ClientFactory;
import io.chunking.store.testing.StoreServers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 and MongoDB health indicators of the chunk store against real servers: up while they answer, down with the
 * error within a bounded time when they are stopped or never answer.
 */
class ChunkStoreHealthIntegrationTests {

	/** The indicators' timeout plus the time to set up a connection and build the answer. */
	private static final Duration BOUND = ChunkStoreHealthConfiguration.TIMEOUT.plusSeconds(2);

	@TempDir
	Path dataDir;

	private StoreServers servers;

	private boolean serversStopped;

	private final List<AutoCloseable> clients = new ArrayList<>();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startServers() throws Exception {
		this.servers = new StoreServers(this.dataDir);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChunkStoreAutoConfiguration.class))
			.withPropertyValues("chunking.store.s3.endpoint=" + this.servers.s3Endpoint(),
					"chunking.store.s3.access-key=" + StoreServers.ACCESS_KEY,
					"chunking.store.s3.secret-key=" + StoreServers.SECRET_KEY,
					"chunking.store.s3.bucket=health-bucket", "chunking.store.mongo.uri=" + this.servers.mongoUri(),
					"chunking.store.mongo.database=health-db");
	}

	@AfterEach
	void stopServers() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		if (!this.serversStopped) {
			this.servers.close();
		}
	}

	@Test
	void storesAreUpWhileTheServersAnswer() {
		this.contextRunner.run((context) -> {
			Health s3 = context.getBean("s3HealthIndicator", HealthIndicator.class).health(true);
			assertThat(s3.getStatus()).isEqualTo(Status.UP);
			assertThat(s3.getDetails()).containsEntry("bucket", "health-bucket");
			Health mongo = context.getBean("mongoHealthIndicator", HealthIndicator.class).health(true);
			assertThat(mongo.getStatus()).isEqualTo(Status.UP);
			assertThat(mongo.getDetails()).containsEntry("database", "health-db");
		});
	}

	@Test
	void storesAreDownWithTheErrorWithinTheTimeoutOnceTheServersAreStopped() {
		this.contextRunner.run((context) -> {
			stopStoreServers();

			// The first check finds the pooled connections closed, the next ones find no server at all.
			for (int check = 1; check <= 2; check++) {
				Health s3 = timedHealth(context.getBean("s3HealthIndicator", HealthIndicator.class));
				assertThat(s3.getStatus()).isEqualTo(Status.DOWN);
				assertThat(s3.getDetails()).containsEntry("bucket", "health-bucket");
				assertThat((String) s3.getDetails().get("error")).as("error detail of check %d", check)
					.contains("Unable to execute HTTP request");
				Health mongo = timedHealth(context.getBean("mongoHealthIndicator", HealthIndicator.class));
				assertThat(mongo.getStatus()).isEqualTo(Status.DOWN);
				assertThat(mongo.getDetails()).containsEntry("database", "health-db");
				assertThat((String) mongo.getDetails().get("error")).as("error detail of check %d", check)
					.startsWith("com.mongodb.Mongo");
			}
		});
	}

	@Test
	void storesAreDownWithinTheTimeoutWhenTheServersAcceptConnectionsButNeverAnswer() throws Exception {
		try (SilentServer silent = new SilentServer()) {
			S3Client s3 = S3ClientFactory.create(URI.create("http://127.0.0.1:" + silent.port()), "us-east-1", true,
					StoreServers.ACCESS_KEY, StoreServers.SECRET_KEY, 2, Duration.ofSeconds(30));
			this.clients.add(s3);
			MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
				.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + silent.port()))
				.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
				.build());
			this.clients.add(mongo);

			Health s3Health = timedHealth(
					new S3HealthIndicator(s3, "bucket", ChunkStoreHealthConfiguration.TIMEOUT));
			assertThat(s3Health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) s3Health.getDetails().get("error")).as("error detail").contains("timeout");
			Health mongoHealth = timedHealth(
					new MongoHealthIndicator(mongo, "db", ChunkStoreHealthConfiguration.TIMEOUT));
			assertThat(mongoHealth.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) mongoHealth.getDetails().get("error")).as("error detail").contains("Timed out");
		}
	}

	@Test
	void noIndicatorWithoutSpringBootHealthOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("s3HealthIndicator")
				.doesNotHaveBean("mongoHealthIndicator"));
	}

	@Test
	void indicatorsBackOffWhenTheApplicationDefinesItsOwnUnderTheirNames() {
		HealthIndicator own = () -> Health.up().withDetail("own", true).build();
		this.contextRunner.withBean("s3HealthIndicator", HealthIndicator.class, () -> own)
			.withBean("mongoHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context.getBean("s3HealthIndicator")).isSameAs(own);
				assertThat(context.getBean("mongoHealthIndicator")).isSameAs(own);
			});
	}

	private void stopStoreServers() throws Exception {
		this.servers.close();
		this.serversStopped = true;
	}

	/** The indicator's health with details, checked to arrive within {@link #BOUND}. */
	private static Health timedHealth(HealthIndicator indicator) {
		long started = System.nanoTime();
		Health health = indicator.health(true);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to answer " + health)
			.isLessThan(BOUND);
		return health;
	}

	/** Accepts TCP connections and never sends a byte, like a hung server. */
	private static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0);

		private final List<Socket> accepted = new ArrayList<>();

		private final Thread acceptor = new Thread(this::accept, "silent-server");

		SilentServer() throws IOException {
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void accept() {
			try {
				while (true) {
					Socket connection = this.socket.accept();
					synchronized (this.accepted) {
						this.accepted.add(connection);
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			synchronized (this.accepted) {
				for (Socket connection : this.accepted) {
					connection.close();
				}
			}
		}

	}

}
