package io.chunking.samples.fetchcache;

import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * The fetch-cache sample on a master and two worker processes: the web app and a {@link DemoOrigin} (slow, flaky
 * and missing keys) in this JVM, 10,000 keys (or {@code fetchcache.keys}) requested by 32 concurrent clients,
 * each key by 3 of them. Every client gets the key's value, or the origin's permanent error; the origin served each key exactly once, although the
 * first attempt of chunk 0 of every batch fails after it fetched and stored its keys; and the master ran exactly one
 * execution per batch the web app triggered, all completed.
 */
class FetchCacheIntegrationTests {

	/**
	 * Distinct keys: 10,000 by default, the burst the use case is proven with (about 3 minutes on 2 cores, see
	 * docs/use-cases/fetch-cache.md); {@code -Dfetchcache.keys=2000} is a quicker run while developing. The clients
	 * wait 80 s at most, or a second per 50 keys for more.
	 */
	static final int KEYS = Integer.getInteger("fetchcache.keys", 10_000);

	static DemoOrigin origin;

	static FetchCacheWebApp app;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("fetch-cache", (cluster) -> {
		origin = DemoOrigin.start(0);
		String originUrl = "--chunking.samples.fetch-cache.origin=" + origin.url();
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=100ms",
				"--chunking.master.max-retry-backoff=500ms", "--chunking.master.max-concurrent-executions=24", originUrl);
		cluster.workerArgs("--chunking.worker.concurrency=8", originUrl);
		cluster.startMaster();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
	});

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
		if (origin != null) {
			origin.close();
		}
	}

	@Test
	void everyClientGetsItsValueFetchedOnceByOneExecutionPerBatch() throws Exception {
		app = FetchCacheWebApp.start(new FetchCacheWebApp.Settings(0, cluster.mongoUri(), "samples",
				cluster.uri(""), ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD, 500, Duration.ofMillis(250),
				Duration.ofMinutes(5), 1, 32,
				Map.of(FetchCacheJob.FAIL_AFTER_FETCH, "0", "chunkSize", "50")));
		URI web = URI.create("http://127.0.0.1:" + app.port());

		FetchCacheBurst.Report report = new FetchCacheBurst(web, KEYS, 32, 3,
				Duration.ofSeconds(Math.max(80, KEYS / 50))).run();
		System.out.println("fetch-cache burst: " + report + ", " + app.triggered().size() + " batches");

		long missing = countMissing();
		assertThat(report.examples()).isEmpty();
		assertThat(report.unanswered()).isZero();
		assertThat(report.right()).isEqualTo(3L * KEYS);
		assertThat(report.errors()).isEqualTo(3 * missing);
		assertThat(report.joined()).as("202 answers for keys in a batch already").isPositive();
		List<String> servedOtherThanOnce = new ArrayList<>();
		for (int n = 0; n < KEYS; n++) {
			if (origin.served(FetchCacheBurst.key(n)) != 1) {
				servedOtherThanOnce.add(FetchCacheBurst.key(n) + " x" + origin.served(FetchCacheBurst.key(n)));
			}
		}
		assertThat(servedOtherThanOnce).as("keys the origin served other than once").isEmpty();
		assertThat(origin.keysServed()).isEqualTo(KEYS);
		assertThat(origin.refused()).as("transient failures retried").isPositive();

		assertOneCompletedExecutionPerBatch();
	}

	@Test
	void aKeyThatIsNotValidIsRefusedSayingWhy() throws Exception {
		FetchCacheWebApp webApp = (app != null) ? app : FetchCacheWebApp.start(new FetchCacheWebApp.Settings(0,
				cluster.mongoUri(), "samples", cluster.uri(""), ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD,
				500, Duration.ofMillis(250), Duration.ofMinutes(5), 1, 4, Map.of()));
		try {
			HttpClient http = HttpClient.newHttpClient();
			String base = "http://127.0.0.1:" + webApp.port() + "/data/";
			HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "a%20b")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(bad.statusCode()).isEqualTo(400);
			assertThat(bad.body()).isEqualTo("The key has '%' at position 2; a key holds only letters, digits, "
					+ "'.', '_', ':' and '-' (URL-encoded text is not decoded)");
			HttpResponse<String> longKey = http.send(
					HttpRequest.newBuilder(URI.create(base + "k".repeat(201))).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(longKey.statusCode()).isEqualTo(400);
			assertThat(longKey.body()).isEqualTo("The key is 201 characters long; at most 200 are allowed");
			HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(none.statusCode()).isEqualTo(400);
			assertThat(none.body()).isEqualTo("The key is missing: GET /data/{key}");
		}
		finally {
			if (webApp != app) {
				webApp.close();
			}
		}
	}

	@Test
	void aTriggerWithoutABatchIsRefusedNamingTheParameter() throws Exception {
		ChunkingCluster.Response refused = cluster.post("/api/jobs/" + FetchCacheJob.NAME + "/executions",
				"{\"parameters\":{}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("Parameter '" + FetchCacheJob.BATCH + "' is required");
	}

	private static long countMissing() {
		long missing = 0;
		for (int n = 0; n < KEYS; n++) {
			if (DemoOrigin.behaviour(FetchCacheBurst.key(n)).kind() == DemoOrigin.Kind.MISSING) {
				missing++;
			}
		}
		return missing;
	}

	@SuppressWarnings("unchecked")
	private static void assertOneCompletedExecutionPerBatch() throws Exception {
		assertThat(app.rejected()).as("rejected triggers").isEmpty();
		Map<String, Long> batches = app.triggered();
		long total = 0;
		for (long id : batches.values()) {
			Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofSeconds(60));
			assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");
			Map<String, Object> result = (Map<String, Object>) execution.get("result");
			total += ((Number) result.get(Fetched.FETCHED)).longValue() + ((Number) result.get(Fetched.FAILED)).longValue()
					+ ((Number) result.get(Fetched.CACHED)).longValue();
			Document first = cluster.ledger(instanceId(execution)).get(0);
			assertThat(first.getInteger("attempt")).as("attempts of chunk 0 of execution %s", id).isEqualTo(2);
		}
		assertThat(total).as("keys of the batches' counted attempts").isEqualTo(KEYS);
		Map<String, Object> all = cluster.get("/api/executions?jobName=" + FetchCacheJob.NAME + "&size=1").body();
		assertThat(((Number) all.get("total")).longValue()).as("executions of " + FetchCacheJob.NAME)
			.isEqualTo(batches.size());
	}

}
