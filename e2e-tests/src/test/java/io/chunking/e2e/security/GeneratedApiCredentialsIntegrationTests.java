package io.chunking.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chunking.testing.ChunkingCluster;

/**
 * The operator password a master generates when no API user is configured, as a master process handles it: where
 * it is printed, and what becomes of the file of an earlier start once users are configured.
 */
class GeneratedApiCredentialsIntegrationTests {

	@TempDir
	Path dataDir;

	private ChunkingCluster cluster;

	@AfterEach
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void theGeneratedPasswordIsPrintedOnTheConsoleByDefault() throws Exception {
		this.cluster = new ChunkingCluster(this.dataDir, "generated-password-printed").masterWithoutApiUsers();
		this.cluster.startMaster();

		String password = generatedPassword();
		assertThat(this.cluster.log("master")).contains("Generated API password for user 'admin' (OPERATOR): " + password);
	}

	@Test
	void withPrintingTurnedOffTheGeneratedPasswordIsOnlyInTheCredentialsFile() throws Exception {
		this.cluster = new ChunkingCluster(this.dataDir, "generated-password-not-printed").masterWithoutApiUsers()
			.masterArgs("--chunking.security.print-generated-password=false");
		this.cluster.startMaster();

		String password = generatedPassword();
		assertThat(this.cluster.log("master")).doesNotContain(password)
			.contains("(not printed: chunking.security.print-generated-password is false)");
		assertThat(getJobs("admin", password)).as("GET /api/jobs with the password of the file").isEqualTo(200);
	}

	@Test
	void configuredUsersRemoveTheGeneratedCredentialsOfAnEarlierStart() throws Exception {
		this.cluster = new ChunkingCluster(this.dataDir, "stale-generated-credentials");
		Path stale = Files.createDirectories(this.cluster.masterDataDir()).resolve("credentials.properties");
		Files.writeString(stale, "url=http\\://localhost\\:8080\nuser=admin\npassword=of-an-earlier-start\n");

		this.cluster.startMaster();

		assertThat(stale).doesNotExist();
		assertThat(this.cluster.log("master")).contains("API users are configured: deleted the generated credentials "
				+ "of an earlier start, " + stale);
	}

	/** The password in the master's credentials file, which it writes once its web server is up. */
	private String generatedPassword() throws Exception {
		Path file = this.cluster.masterDataDir().resolve("credentials.properties");
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!Files.exists(file) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		String password = properties.getProperty("password");
		assertThat(password).as("password in %s", file).hasSizeGreaterThan(20);
		return password;
	}

	private int getJobs(String user, String password) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.cluster.uri("/api/jobs"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
