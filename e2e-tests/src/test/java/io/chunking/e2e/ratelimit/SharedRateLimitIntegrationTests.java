package io.chunking.e2e.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.chunking.e2e.jobs.RateLimitedJob;
import io.chunking.e2e.jobs.TestJobsAutoConfiguration;
import io.chunking.store.testing.RateWindows;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.Prometheus;

/**
 * A job's rate limit holds across worker processes: two workers, each running two chunks at once and processing
 * {@value RateLimitedJob#CONCURRENCY} items of each chunk at once, together never process more than the limit's 40
 * items in any second, and the run takes as long as the rate says.
 */
class SharedRateLimitIntegrationTests {

	static final int ITEMS = 200;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("rate-limit", (cluster) -> {
		cluster.jobs(Stream.of(TestJobsAutoConfiguration.LOADER_PATH).map(Path::of).toArray(Path[]::new));
		cluster.startMaster();
		cluster.workerArgs("--chunking.worker.concurrency=2");
		cluster.startWorker("worker-a");
		cluster.startWorker("worker-b");
	});

	@Test
	void twoWorkersProcessingItemsConcurrentlyTogetherHoldToTheSharedRate() throws Exception {
		long id = cluster.trigger(RateLimitedJob.NAME, Map.of("items", String.valueOf(ITEMS)));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(1));

		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");
		Map<?, ?> result = (Map<?, ?>) execution.get("result");
		assertThat(((Number) result.get("count")).intValue()).isEqualTo(ITEMS);
		List<Long> micros = ((List<?>) result.get("processedAt")).stream()
			.map((time) -> ((Number) time).longValue())
			.sorted()
			.toList();
		assertThat(micros).hasSize(ITEMS);
		// A permit is used within one interval (25 ms) of its time: a window can catch one more at its start.
		assertThat(RateWindows.mostInAnyWindow(micros, 1_000_000)).as("items processed in any 1 s window")
			.isLessThanOrEqualTo(41);
		Duration span = Duration.ofNanos((micros.get(ITEMS - 1) - micros.get(0)) * 1000);
		assertThat(span).as("from the first item to the last, 199 intervals of 25 ms")
			.isGreaterThanOrEqualTo(Duration.ofMillis(199 * 25 - 25))
			.isLessThan(Duration.ofSeconds(12));

		long instanceId = ((Number) execution.get("jobInstanceId")).longValue();
		Map<String, Integer> chunksByWorker = new HashMap<>();
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			for (Document chunk : mongo.getDatabase("chunking").getCollection("chunks")
				.find(new Document("jobInstanceId", instanceId))) {
				chunksByWorker.merge(chunk.getString("workerId"), 1, Integer::sum);
			}
			Document limit = mongo.getDatabase("chunking").getCollection("rateLimits")
				.find(new Document("_id", RateLimitedJob.LIMIT.name()))
				.first();
			assertThat(limit).as("the limit's document").isNotNull();
			assertThat(limit.get("permits")).isEqualTo(40);
		}
		assertThat(chunksByWorker).as("chunks per worker").containsOnlyKeys("worker-a", "worker-b");
		double permits = 0;
		for (String worker : List.of("worker-a", "worker-b")) {
			permits += Prometheus.value(cluster.scrape(worker), "chunking_rate_limit_permits_total{limit=\"it-limit\"}")
				.orElse(0);
		}
		assertThat(permits).as("permits granted by both workers").isEqualTo(ITEMS);
	}

}
