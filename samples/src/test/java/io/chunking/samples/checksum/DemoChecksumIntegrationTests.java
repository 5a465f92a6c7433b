package io.chunking.samples.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.chunking.samples.testing.ChunkingCluster;
import io.chunking.samples.testing.ExpectedChecksum;
import tools.jackson.core.type.TypeReference;

/**
 * {@code demo-checksum} end to end: a master process hosting the embedded infrastructure and two separate worker
 * JVM processes, talking over real sockets.
 */
class DemoChecksumIntegrationTests {

	@TempDir
	static Path dataDir;

	static ChunkingCluster cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = new ChunkingCluster(dataDir, "demo-checksum");
		cluster.startMaster();
		cluster.startWorker("worker-a");
		cluster.startWorker("worker-b");
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void runsOneHundredThousandItemsInTwoHundredChunksAcrossBothWorkers() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "100000", "chunkSize", "500"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(5));

		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");
		Map<?, ?> result = (Map<?, ?>) execution.get("result");
		assertThat(((Number) result.get("count")).longValue()).isEqualTo(100_000L);
		assertThat(result.get("checksum")).isEqualTo(ExpectedChecksum.of(100_000));
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
