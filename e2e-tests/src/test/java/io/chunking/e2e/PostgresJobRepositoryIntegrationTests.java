package io.chunking.e2e;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ClusterExtension;

/**
 * {@code demo-checksum} with PostgreSQL as the job repository (the production set-up), the other stores embedded.
 * Runs when PostgreSQL answers on {@code chunking.it.postgres.host:port} (default 127.0.0.1:5432, database
 * {@code test}, user {@code postgres}, trust authentication); skipped with the reason otherwise, unless
 * {@code -Dchunking.it.postgres.required=true} (as in CI), which turns an unreachable server into a failure.
 */
class PostgresJobRepositoryIntegrationTests {

	static final String HOST = System.getProperty("chunking.it.postgres.host", "127.0.0.1");

	static final int PORT = Integer.getInteger("chunking.it.postgres.port", 5432);

	static final String DATABASE = System.getProperty("chunking.it.postgres.database", "test");

	static final String USER = System.getProperty("chunking.it.postgres.user", "postgres");

	static final String SCHEMA = "chunking_it_" + Long.toString(System.currentTimeMillis(), 36);

	static boolean schemaCreated;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("postgres", (cluster) -> {
		boolean reachable = reachable();
		if (!reachable && Boolean.getBoolean("chunking.it.postgres.required")) {
			throw new IllegalStateException("PostgreSQL is required (chunking.it.postgres.required=true) but nothing "
					+ "answers on " + HOST + ":" + PORT);
		}
		Assumptions.assumeTrue(reachable, "PostgreSQL not reachable on " + HOST + ":" + PORT
				+ "; skipping the PostgreSQL job repository test (CI runs it with -Dchunking.it.postgres.required=true)");
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + SCHEMA);
		}
		schemaCreated = true;
		cluster.masterArgs("--spring.datasource.url=" + jdbcUrl() + "&currentSchema=" + SCHEMA,
				"--spring.datasource.username=" + USER, "--spring.datasource.password=");
		cluster.startMaster();
		cluster.startWorker("pg-worker-a");
		cluster.startWorker("pg-worker-b");
	});

	/** Stops the processes (before the extension would) so that nothing uses the schema any more, and drops it. */
	@AfterAll
	static void dropSchema() throws Exception {
		if (schemaCreated) {
			cluster.close();
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
			}
		}
	}

	@Test
	void runsDemoChecksumWithThePostgresJobRepository() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "100000", "chunkSize", "500"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(5));

		assertExactResult(execution, 100_000);
		assertThat(((Number) ((Map<?, ?>) execution.get("chunks")).get("succeeded")).intValue()).isEqualTo(200);

		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT status FROM " + SCHEMA
						+ ".batch_job_execution WHERE job_execution_id = " + id)) {
			assertThat(rows.next()).as("execution %s in PostgreSQL", id).isTrue();
			assertThat(rows.getString(1)).isEqualTo("COMPLETED");
		}
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT step_name, status FROM " + SCHEMA
						+ ".batch_step_execution WHERE job_execution_id = " + id + " ORDER BY step_execution_id")) {
			StringBuilder steps = new StringBuilder();
			while (rows.next()) {
				steps.append(rows.getString(1)).append('=').append(rows.getString(2)).append(' ');
			}
			assertThat(steps.toString().trim()).isEqualTo(
					"demo-checksum.slice=COMPLETED demo-checksum.process=COMPLETED demo-checksum.aggregate=COMPLETED");
		}
	}

	private static String jdbcUrl() {
		return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE + "?connectTimeout=5";
	}

	private static Connection connect() throws Exception {
		return DriverManager.getConnection(jdbcUrl(), USER, "");
	}

	private static boolean reachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 2000);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
