package io.chunking.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.Prometheus;

/**
 * Metrics and health of a master and two worker processes around one {@code demo-checksum} run, scraped from
 * {@code /actuator/prometheus} and {@code /actuator/health} as Prometheus and an orchestrator would. The workers
 * start only once the run waits for them, so the master's gauges show it both waiting and done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsAndHealthIntegrationTests {

	private static final String MASTER = ChunkingCluster.MASTER;

	private static final List<String> WORKERS = List.of("worker-m1", "worker-m2");

	private static final Duration GAUGE_WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("metrics-and-health", (cluster) -> {
		cluster.startMaster();
	});

	@Test
	@Order(1)
	void masterGaugesFollowTheRunAndWorkersCountTheItemsTheyProcessed() throws Exception {
		// workMicros keeps the first worker busy while the second starts, so both usually take chunks; the
		// assertions hold whichever worker takes how many.
		long id = cluster.trigger("demo-checksum", Map.of("items", "20000", "chunkSize", "500", "workMicros", "500"));

		// No worker yet: the running execution's 40 chunks are pending, and their 40 requests wait on the broker.
		cluster.awaitMetric(MASTER, "chunking_chunks{job=\"demo-checksum\",status=\"PENDING\"}", 40, GAUGE_WAIT);
		cluster.awaitMetric(MASTER, "chunking_queue_depth{job=\"demo-checksum\"}", 40, GAUGE_WAIT);
		String waiting = cluster.scrape(MASTER);
		for (String status : List.of("RUNNING", "SUCCEEDED", "FAILED", "DEAD")) {
			assertThat(Prometheus.value(waiting, "chunking_chunks{job=\"demo-checksum\",status=\"" + status + "\"}"))
				.as(status)
				.hasValue(0);
		}
		assertThat(Prometheus.value(waiting, "chunking_workers_active")).hasValue(0);

		for (String worker : WORKERS) {
			cluster.startWorker(worker);
		}
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));
		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");

		cluster.awaitMetric(MASTER, "chunking_workers_active", 2, GAUGE_WAIT);
		cluster.awaitMetric(MASTER, "chunking_queue_depth{job=\"demo-checksum\"}", 0, GAUGE_WAIT);
		cluster.awaitMetric(MASTER, "chunking_chunks{job=\"demo-checksum\",status=\"PENDING\"}", 0, GAUGE_WAIT);
		Map<String, Share> shares = sharesByWorker(((Number) execution.get("jobInstanceId")).longValue());
		double total = 0;
		for (String worker : WORKERS) {
			String scrape = cluster.scrape(worker);
			Share share = shares.getOrDefault(worker, new Share(0, 0));
			double items = Prometheus.value(scrape, "chunking_items_processed_total{job=\"demo-checksum\"}")
				.orElse(0);
			assertThat(items).as("items processed by %s, as the ledger records them", worker).isEqualTo(share.items());
			assertThat(Prometheus.value(scrape,
					"chunking_chunk_duration_seconds_count{job=\"demo-checksum\",outcome=\"succeeded\"}").orElse(0))
				.as("succeeded attempts of %s, as the ledger records them", worker)
				.isEqualTo(share.chunks());
			total += items;
		}
		assertThat(total).as("items of the run, over both workers").isEqualTo(20_000);
	}

	@Test
	@Order(2)
	void everyStoreIsAHealthComponentOfBothApps() throws Exception {
		String worker = WORKERS.get(0);
		if (cluster.worker(worker) == null) {
			cluster.startWorker(worker);
		}
		for (String app : List.of(MASTER, worker)) {
			ChunkingCluster.Response health = cluster.health(app);
			assertThat(health.status()).as(app).isEqualTo(200);
			assertThat(health.body().get("status")).as(app).isEqualTo("UP");
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.body()
				.get("components");
			List<String> stores = app.equals(MASTER) ? List.of("jms", "mongo", "s3", "db") : List.of("jms", "mongo", "s3");
			for (String store : stores) {
				assertThat(components).as(app).containsKey(store);
				assertThat(components.get(store).get("status")).as(app + " " + store).isEqualTo("UP");
			}
		}
		assertThat(cluster.log(worker)).as("the worker's actuator port in its log")
			.contains("Worker " + worker + " serves /actuator/health and /actuator/prometheus on port ");
	}

	/** Chunks and items each worker completed, by the ledger's succeeded chunks of the job instance. */
	private static Map<String, Share> sharesByWorker(long jobInstanceId) {
		Map<String, Share> shares = new HashMap<>();
		for (Document chunk : cluster.ledger(jobInstanceId).values()) {
			assertThat(chunk.getString("status")).isEqualTo("SUCCEEDED");
			Share share = new Share(1, ((Number) chunk.get("writeCount")).longValue());
			shares.merge(chunk.getString("workerId"), share, Share::plus);
		}
		return shares;
	}

	private record Share(long chunks, long items) {

		Share plus(Share other) {
			return new Share(this.chunks + other.chunks, this.items + other.items);
		}

	}

}
