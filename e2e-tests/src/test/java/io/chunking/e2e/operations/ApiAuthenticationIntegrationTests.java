package io.chunking.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.Prometheus;

/**
 * Logins to a master process over HTTP: failed logins are logged within limits, counted and throttled per client
 * address, and a {@code {bcrypt}} password is hashed once per cache TTL however often a client polls, while wrong
 * passwords are still refused. Every request comes from 127.0.0.1: the lockout is kept short and waited out, and
 * the tests run in order (the first failed login of the master's life is the one its log shows).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiAuthenticationIntegrationTests {

	/** User with a {@code {bcrypt}} password hash (cost 10) of {@link #BCRYPT_PASSWORD}. */
	private static final String BCRYPT_USER = "poller";

	/** Another user with that hash, which logs in first during a lockout. */
	private static final String LATECOMER = "latecomer";

	private static final String BCRYPT_PASSWORD = "bench-secret";

	private static final String BCRYPT_HASH = "{bcrypt}$2a$10$tX0yAS9Mw0pNuNkhQ7vhb.2UxBWX29nOMTYoTVnbP19mWQ07oii66";

	private static final int MAX_FAILURES = 5;

	private static final int LOCKOUT_SECONDS = 4;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("api-authentication", (cluster) -> {
		cluster.masterArgs("--chunking.security.users[2].name=" + BCRYPT_USER,
				"--chunking.security.users[2].password=" + BCRYPT_HASH, "--chunking.security.users[2].roles=VIEWER",
				"--chunking.security.users[3].name=" + LATECOMER, "--chunking.security.users[3].password=" + BCRYPT_HASH,
				"--chunking.security.users[3].roles=VIEWER",
				"--chunking.security.login-throttle.max-failures=" + MAX_FAILURES,
				"--chunking.security.login-throttle.lockout=" + LOCKOUT_SECONDS + "s");
		cluster.startMaster();
	});

	@Test
	@Order(1)
	void failedLoginsAreLoggedWithinLimitsCountedAndLockTheClientOutForAWhile() throws Exception {
		// The viewer (who scrapes) and the operator log in before the lockout: they keep working through it.
		String before = cluster.scrape(ChunkingCluster.MASTER);
		assertThat(cluster.get("/api/jobs").status()).isEqualTo(200);
		for (int i = 1; i <= MAX_FAILURES; i++) {
			ChunkingCluster.Response failed = cluster.send(cluster.request("/api/jobs", "intruder", "guess-" + i).build());
			assertThat(failed.status()).as("failure %d", i).isEqualTo(401);
		}
		HttpResponse<String> locked = rawSend(cluster.request("/api/jobs", "intruder", "guess-6").build());
		assertThat(locked.statusCode()).isEqualTo(429);
		long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, (long) LOCKOUT_SECONDS);
		assertThat(locked.body()).contains("\"error\":\"too_many_failed_logins\"")
			.contains("Too many failed logins from 127.0.0.1");
		assertThat(cluster.send(login(LATECOMER, BCRYPT_PASSWORD)).status())
			.as("a user not verified before the lockout is refused too, its password unchecked")
			.isEqualTo(429);
		assertThat(cluster.get("/api/jobs").status()).as("the operator, verified before").isEqualTo(200);

		String after = cluster.scrape(ChunkingCluster.MASTER);
		assertThat(increase(before, after, "chunking_api_login_failures_total{reason=\"bad_credentials\"}"))
			.isEqualTo(MAX_FAILURES);
		assertThat(increase(before, after, "chunking_api_login_failures_total{reason=\"locked_out\"}")).isEqualTo(2);
		String log = cluster.log("master");
		assertThat(log).contains("Failed login as 'intruder' from 127.0.0.1")
			.contains("Locked out 127.0.0.1 for " + LOCKOUT_SECONDS + " s after repeated failed logins");
		assertThat(log.lines().filter((line) -> line.contains("Failed login as 'intruder'")).count())
			.as("one line per client per minute")
			.isEqualTo(1);
		for (int i = 1; i <= 6; i++) {
			assertThat(log).as("no password in the log").doesNotContain("guess-" + i);
		}
		assertThat(log).doesNotContain(BCRYPT_PASSWORD);

		Thread.sleep(retryAfter * 1000);
		assertThat(cluster.send(login(LATECOMER, BCRYPT_PASSWORD)).status()).as("after Retry-After").isEqualTo(200);
	}

	@Test
	@Order(2)
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
			.as("the other 199 polls, the poll after the wrong password, the viewer's scrape")
			.isEqualTo(201);
	}

	private static java.net.http.HttpRequest poll(long executionId, String password) {
		return cluster.request("/api/executions/" + executionId, BCRYPT_USER, password).GET().build();
	}

	private static java.net.http.HttpRequest login(String user, String password) {
		return cluster.request("/api/jobs", user, password).GET().build();
	}

	private static HttpResponse<String> rawSend(java.net.http.HttpRequest request) throws Exception {
		return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static double increase(String before, String after, String series) {
		return Prometheus.value(after, series).orElse(0) - Prometheus.value(before, series).orElse(0);
	}

}
