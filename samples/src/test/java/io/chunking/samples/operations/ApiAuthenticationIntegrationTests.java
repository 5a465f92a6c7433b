package io.chunking.samples.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chunking.samples.testing.ChunkingCluster;
import io.chunking.samples.testing.Prometheus;

/**
 * Logins to a master process over HTTP: a {@code {bcrypt}} password is hashed once per cache TTL however often a
 * client polls, while wrong passwords are still refused.
 */
class ApiAuthenticationIntegrationTests {

	/** User with a {@code {bcrypt}} password hash (cost 10) of {@link #BCRYPT_PASSWORD}. */
	private static final String BCRYPT_USER = "poller";

	private static final String BCRYPT_PASSWORD = "bench-secret";

	private static final String BCRYPT_HASH = "{bcrypt}$2a$10$tX0yAS9Mw0pNuNkhQ7vhb.2UxBWX29nOMTYoTVnbP19mWQ07oii66";

	@TempDir
	static Path dataDir;

	static ChunkingCluster cluster;

	@BeforeAll
	static void startMaster() throws Exception {
		cluster = new ChunkingCluster(dataDir, "api-authentication");
		cluster.masterArgs("--chunking.security.users[2].name=" + BCRYPT_USER,
				"--chunking.security.users[2].password=" + BCRYPT_HASH, "--chunking.security.users[2].roles=VIEWER");
		cluster.startMaster();
	}

	@AfterAll
	static void stopMaster() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void pollingWithABcryptPasswordHashesItOnceAndAWrongPasswordIsStillRefused() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "1000", "chunkSize", "100"));
		String before = cluster.scrape(ChunkingCluster.MASTER);
		for (int i = 0; i < 200; i++) {
			ChunkingCluster.Response poll = cluster.send(poll(id, BCRYPT_PASSWORD));
			assertThat(poll.status()).as("poll %d: %s", i, poll.text()).isEqualTo(200);
			assertThat(((Number) poll.body().get("id")).longValue()).isEqualTo(id);
		}
		ChunkingCluster.Response wrong = cluster.send(poll(id, BCRYPT_PASSWORD + "x"));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.body()).containsEntry("error", "unauthorized");
		assertThat(cluster.send(poll(id, BCRYPT_PASSWORD)).status()).isEqualTo(200);

		String after = cluster.scrape(ChunkingCluster.MASTER);
		assertThat(increase(before, after, "chunking_api_password_checks_total{cache=\"miss\"}"))
			.as("hashed: the first poll and the wrong password")
			.isEqualTo(2);
		assertThat(increase(before, after, "chunking_api_password_checks_total{cache=\"hit\"}"))
			.as("the other 199 polls, the poll after the wrong password, the viewer's second scrape")
			.isEqualTo(201);
	}

	private static java.net.http.HttpRequest poll(long executionId, String password) {
		return cluster.request("/api/executions/" + executionId, BCRYPT_USER, password).GET().build();
	}

	private static double increase(String before, String after, String series) {
		return Prometheus.value(after, series).orElse(0) - Prometheus.value(before, series).orElse(0);
	}

}
