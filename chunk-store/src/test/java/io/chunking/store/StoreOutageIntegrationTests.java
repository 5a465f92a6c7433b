package io.chunking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.chunking.store.mongo.MongoChunkLedger;
import io.chunking.store.s3.S3PayloadStore;
import io.chunking.store.testing.StoreServers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stores while their servers are stopped and started again on the same data: every failure to reach a server
 * arrives as {@link StoreUnavailableException}, and a {@link StoreRetry} rides out an outage shorter than its limit.
 */
class StoreOutageIntegrationTests {

	@TempDir
	static Path dataDir;

	static StoreServers servers;

	static MongoClient mongo;

	static S3Client s3;

	static ChunkLedger ledger;

	static PayloadStore payloads;

	@BeforeAll
	static void start() throws Exception {
		servers = new StoreServers(dataDir);
		mongo = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(servers.mongoUri()))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
			.build());
		s3 = servers.s3Client();
		ledger = new MongoChunkLedger(mongo.getDatabase("chunking").getCollection("chunks"));
		ledger.initialize();
		payloads = new S3PayloadStore(s3, "chunks");
		payloads.initialize();
		ChunkKey key = new ChunkKey(1, 0);
		ledger.record(List.of(new NewChunk(key, "demo", 1, 10, ChunkKeys.payload("demo", key))));
		payloads.put("demo/1/payloads/0.ndjson", "a\n".getBytes(StandardCharsets.UTF_8));
	}

	@AfterAll
	static void stop() throws Exception {
		mongo.close();
		s3.close();
		servers.close();
	}

	@Test
	void aStoppedMongoServerIsReportedAsUnavailableAndItsDataIsThereAfterARestart() throws Exception {
		servers.stopMongo();
		try {
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> ledger.count(1))
				.withMessageStartingWith("Counting the chunks of job instance 1 failed: ")
				.satisfies((ex) -> assertThat(ex.getStore()).isEqualTo("MongoDB"));

			StoreRetry retry = new StoreRetry(Duration.ofSeconds(30), "test.limit", new StoreOutage());
			CompletableFuture<ChunkCounts> counted = CompletableFuture.supplyAsync(() -> {
				try {
					return retry.call("count", () -> ledger.count(1));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(3000);
			assertThat(counted).as("still retrying while the server is down").isNotDone();
			servers.restartMongo();

			assertThat(counted.get(30, TimeUnit.SECONDS).get(ChunkStatus.PENDING)).isEqualTo(1);
		}
		finally {
			ensureMongo();
		}
	}

	@Test
	void aRetryGivesUpWhenTheStoreStaysAwayLongerThanItsLimit() throws Exception {
		servers.stopMongo();
		try {
			StoreOutage outage = new StoreOutage();
			StoreRetry retry = new StoreRetry(Duration.ofSeconds(2), "chunking.test.store-outage-limit", outage);

			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> retry.call("claim of chunk 0", () -> ledger.find(new ChunkKey(1, 0))))
				.withMessageContaining("claim of chunk 0: MongoDB was unavailable for ")
				.withMessageContaining("(chunking.test.store-outage-limit)");
			assertThat(outage.failingFor(Instant.now())).isGreaterThan(Duration.ofSeconds(1));
		}
		finally {
			ensureMongo();
		}
	}

	@Test
	void aStoppedS3ServerIsReportedAsUnavailableAndItsObjectsAreThereAfterARestart() throws Exception {
		servers.stopS3();
		try {
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> payloads.get("demo/1/payloads/0.ndjson"))
				.withMessageStartingWith("Reading object 'demo/1/payloads/0.ndjson' in bucket 'chunks' failed: ")
				.satisfies((ex) -> assertThat(ex.getStore()).isEqualTo("S3"));
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> payloads.put("demo/1/results/0-1.json", new byte[] { '1' }));
		}
		finally {
			servers.restartS3();
		}
		assertThat(new String(payloads.get("demo/1/payloads/0.ndjson"), StandardCharsets.UTF_8)).isEqualTo("a\n");
		assertThatExceptionOfType(PayloadNotFoundException.class).isThrownBy(() -> payloads.get("demo/1/missing"));
	}

	private static void ensureMongo() {
		try {
			servers.restartMongo();
		}
		catch (RuntimeException ex) {
			// already running again
		}
	}

}
