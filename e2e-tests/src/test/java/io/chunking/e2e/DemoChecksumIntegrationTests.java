package io.chunking.e2e;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import tools.jackson.core.type.TypeReference;

/**
 * {@code demo-checksum} end to end: a master process hosting the embedded infrastructure and two separate worker
 * JVM processes, talking over real sockets.
 */
class DemoChecksumIntegrationTests {

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("demo-checksum", (cluster) -> {
		cluster.startMaster();
		cluster.startWorker("worker-a");
		cluster.startWorker("worker-b");
	});

	@Test
	void runsOneHundredThousandItemsInTwoHundredChunksAcrossBothWorkers() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "100000", "chunkSize", "500"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(5));

		assertExactResult(execution, 100_000);
		Map<?, ?> chunks = (Map<?, ?>) execution.get("chunks");
		assertThat(((Number) chunks.get("succeeded")).intValue()).isEqualTo(200);
		assertThat(((Number) chunks.get("total")).intValue()).isEqualTo(200);

		long instanceId = ((Number) execution.get("jobInstanceId")).longValue();
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			MongoCollection<Document> ledger = mongo.getDatabase("chunking").getCollection("chunks");
			long items = 0;
			int documents = 0;
			Map<String, Integer> chunksByWorker = new HashMap<>();
			for (Document chunk : ledger.find(new Document("jobInstanceId", instanceId))) {
				documents++;
				assertThat(chunk.getString("status")).as("chunk %s", chunk.get("chunkIndex")).isEqualTo("SUCCEEDED");
				items += chunk.getInteger("itemCount");
				chunksByWorker.merge(chunk.getString("workerId"), 1, Integer::sum);
			}
			assertThat(documents).isEqualTo(200);
			assertThat(items).isEqualTo(100_000L);
			assertThat(chunksByWorker).as("chunks per worker").containsOnlyKeys("worker-a", "worker-b");
		}
	}

	@Test
	void workersFinishTheFirstChunksWhileTheMasterIsStillSlicing() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "3000000", "chunkSize", "1000"));
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		Map<?, ?> chunks = Map.of();
		while (System.nanoTime() < deadline) {
			chunks = (Map<?, ?>) cluster.get("/api/executions/" + id).body().get("chunks");
			if (chunks != null && ((Number) chunks.get("succeeded")).intValue() > 0) {
				break;
			}
			Thread.sleep(50);
		}

		assertThat(((Number) chunks.get("succeeded")).intValue()).as("a chunk succeeded: %s", chunks).isPositive();
		assertThat(((Number) chunks.get("total")).intValue()).as("chunks recorded by then, of 3,000: %s", chunks)
			.isLessThan(3000);
		assertThat(cluster.post("/api/executions/" + id + "/stop", "").status()).isIn(202, 409);
		assertThat(cluster.awaitEnd(id, Duration.ofMinutes(2)).get("status")).isIn("STOPPED", "COMPLETED");
	}

	@Test
	void unknownJobIsNotFoundAndListsTheKnownJobs() throws Exception {
		ChunkingCluster.Response response = cluster.post("/api/jobs/no-such-job/executions", "{\"parameters\":{}}");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().get("error")).isEqualTo("unknown_job");
		assertThat((String) response.body().get("message")).contains("no-such-job").contains("demo-checksum");
	}

	@Test
	void invalidParametersAreRejectedNamingTheParameterAndStartNothing() throws Exception {
		Object lastBefore = lastExecution();
		assertRejected("{\"parameters\":{\"items\":\"0\"}}", "items");
		assertRejected("{\"parameters\":{\"chunkSize\":\"19\"}}", "chunkSize");
		assertRejected("{\"parameters\":{\"chunkSize\":\"1001\"}}", "chunkSize");
		assertRejected("{\"parameters\":{\"items\":\"ten\"}}", "items");
		assertRejected("{\"parameters\":{\"chunkSize\":\"5x\"}}", "chunkSize");
		assertRejected("{\"parameters\":{\"itemz\":\"5\"}}", "itemz");
		assertThat(lastExecution()).as("last execution after rejected requests").isEqualTo(lastBefore);
	}

	@Test
	void executionQueriesOfUnknownIdsAreNotFound() throws Exception {
		ChunkingCluster.Response response = cluster.get("/api/executions/987654");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().get("error")).isEqualTo("unknown_execution");
	}

	private void assertRejected(String body, String parameter) throws Exception {
		ChunkingCluster.Response response = cluster.post("/api/jobs/demo-checksum/executions", body);
		assertThat(response.status()).as(body).isEqualTo(400);
		assertThat(response.body().get("error")).isEqualTo("invalid_parameter");
		assertThat((String) response.body().get("message")).as(body).startsWith("Parameter '" + parameter + "'");
	}

	private Object lastExecution() throws Exception {
		ChunkingCluster.Response jobs = cluster.get("/api/jobs");
		assertThat(jobs.status()).isEqualTo(200);
		List<Map<String, Object>> list = cluster.json().readValue(jobs.text(), new TypeReference<>() {
		});
		return list.stream().filter((job) -> "demo-checksum".equals(job.get("name"))).findFirst().orElseThrow()
			.get("lastExecution");
	}

}
