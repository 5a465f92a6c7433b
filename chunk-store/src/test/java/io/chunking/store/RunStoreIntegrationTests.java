package io.chunking.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.chunking.store.mongo.MongoRunStore;
import io.chunking.store.mongo.MongoWorkerRegistry;
import io.chunking.store.testing.StoreServers;

/**
 * Run ownership and the worker registry against a real Mongo-wire server.
 */
class RunStoreIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(30);

	@TempDir
	static Path dataDir;

	static StoreServers servers;

	static MongoClient mongo;

	RunStore runs;

	WorkerRegistry workers;

	@BeforeAll
	static void startServers() throws Exception {
		servers = new StoreServers(dataDir);
		mongo = servers.mongoClient();
	}

	@AfterAll
	static void stopServers() throws Exception {
		mongo.close();
		servers.close();
	}

	@BeforeEach
	void setUp() {
		MongoDatabase database = mongo.getDatabase("runs-test");
		database.drop();
		this.runs = new MongoRunStore(database.getCollection("runs"));
		this.workers = new MongoWorkerRegistry(database.getCollection("workers"));
	}

	@Test
	void onlyOneMasterOwnsARunWhileItsLeaseIsLive() {
		Instant now = Instant.now();
		assertThat(this.runs.own(1, 10, "master-a", LEASE, now)).isTrue();
		assertThat(this.runs.own(1, 10, "master-b", LEASE, now.plusSeconds(29))).isFalse();
		assertThat(this.runs.own(1, 10, "master-a", LEASE, now.plusSeconds(29))).as("renewal").isTrue();

		Instant expired = now.plusSeconds(29).plus(LEASE).plusSeconds(1);
		assertThat(this.runs.own(1, 11, "master-b", LEASE, expired)).as("take-over after expiry").isTrue();
		assertThat(this.runs.own(1, 10, "master-a", LEASE, expired)).as("the lost master's renewal").isFalse();
		RunRecord run = this.runs.find(1).orElseThrow();
		assertThat(run.ownerId()).isEqualTo("master-b");
		assertThat(run.jobExecutionId()).isEqualTo(11);
	}

	@Test
	void pendingRestartIsFoundOnceItsOwnerReleasedTheRunOrItsLeaseExpired() {
		Instant now = Instant.now();
		this.runs.own(3, 30, "master-a", LEASE, now);
		this.runs.own(4, 40, "master-a", LEASE, now);
		assertThat(this.runs.markRestartPending(3, 30, "master-b")).as("marked by a master that does not own it")
			.isFalse();
		assertThat(this.runs.markRestartPending(3, 30, "master-a")).isTrue();
		assertThat(this.runs.markRestartPending(4, 40, "master-a")).isTrue();
		assertThat(this.runs.findPendingRestarts(now.plusSeconds(1))).as("while the owner's lease is live").isEmpty();

		assertThat(this.runs.release(3, 30, "master-b", now)).as("released by a master that does not own it").isFalse();
		assertThat(this.runs.release(3, 30, "master-a", now.plusSeconds(1))).isTrue();
		assertThat(this.runs.findPendingRestarts(now.plusSeconds(2))).singleElement().satisfies((run) -> {
			assertThat(run.jobInstanceId()).isEqualTo(3);
			assertThat(run.pendingRestartOf()).isEqualTo(30);
			assertThat(run.pendingRestartBy()).isEqualTo("master-a");
		});
		assertThat(this.runs.findPendingRestarts(now.plus(LEASE).plusSeconds(1))).as("run 4 after its lease expired")
			.extracting(RunRecord::jobInstanceId)
			.containsExactlyInAnyOrder(3L, 4L);

		// Exactly one master takes a released run over: its lease is live again for the others.
		assertThat(this.runs.own(3, 30, "master-b", LEASE, now.plusSeconds(2))).isTrue();
		assertThat(this.runs.own(3, 30, "master-c", LEASE, now.plusSeconds(2))).isFalse();
		this.runs.clearPendingRestart(3, 29);
		assertThat(this.runs.find(3).orElseThrow().pendingRestartOf()).as("cleared for another execution").isEqualTo(30);
		this.runs.clearPendingRestart(3, 30);
		assertThat(this.runs.find(3).orElseThrow().pendingRestartOf()).isNull();
		assertThat(this.runs.findPendingRestarts(now.plus(LEASE).plus(LEASE))).extracting(RunRecord::jobInstanceId)
			.containsExactly(4L);
	}

	@Test
	void beginAndSlicedKeepTheOwnerAndRecordTheArguments() {
		Instant now = Instant.now();
		this.runs.own(2, 20, "master-a", LEASE, now);
		this.runs.begin(2, "demo", Map.of("items", "5"));
		this.runs.sliced(2, 1, 5);
		RunRecord run = this.runs.find(2).orElseThrow();
		assertThat(run.ownerId()).isEqualTo("master-a");
		assertThat(run.arguments()).containsEntry("items", "5");
		assertThat(run.sliced()).isTrue();
		assertThat(run.chunkCount()).isEqualTo(1);
		assertThat(run.itemCount()).isEqualTo(5);
	}

	@Test
	void workerIsLostOnceSilentForLongerThanItsLease() {
		Instant now = Instant.now();
		this.workers.heartbeat(new WorkerStatus("w1", "host", 42, java.util.List.of("demo"), "ACTIVE", now, now,
				java.util.List.of("demo/1/3/1"), 1, 7, 4000));
		WorkerStatus status = this.workers.list().get(0);
		assertThat(status.currentChunk()).isEqualTo("demo/1/3/1");
		assertThat(status.isLost(now.plusSeconds(3))).isFalse();
		assertThat(status.isLost(now.plusSeconds(5))).isTrue();
		assertThat(status.stateAt(now.plusSeconds(3))).isEqualTo("ACTIVE");
		assertThat(status.stateAt(now.plusSeconds(5))).isEqualTo("LOST");
		this.workers.deregister("w1");
		assertThat(this.workers.list()).isEmpty();
	}

	@Test
	void workerReportsEveryChunkInHandAndItsConcurrency() {
		Instant now = Instant.now();
		this.workers.heartbeat(new WorkerStatus("w1", "host", 42, java.util.List.of("demo"), "ACTIVE", now, now,
				java.util.List.of("demo/1/3/1", "demo/1/4/2"), 4, 7, 4000));

		WorkerStatus status = this.workers.list().get(0);
		assertThat(status.chunksInHand()).containsExactly("demo/1/3/1", "demo/1/4/2");
		assertThat(status.currentChunk()).isEqualTo("demo/1/3/1");
		assertThat(status.concurrency()).isEqualTo(4);
	}

	@Test
	void heartbeatOfAWorkerThatReportedOnlyItsCurrentChunkReadsAsThatOneChunkInHand() {
		Instant now = Instant.now();
		this.workers.heartbeat(new WorkerStatus("w1", "host", 42, java.util.List.of("demo"), "ACTIVE", now, now,
				java.util.List.of(), 1, 7, 4000));
		mongo.getDatabase("runs-test")
			.getCollection("workers")
			.updateOne(new org.bson.Document("_id", "w1"), new org.bson.Document("$set",
					new org.bson.Document("currentChunk", "demo/1/3/1")).append("$unset",
							new org.bson.Document("chunksInHand", "").append("concurrency", "")));

		WorkerStatus status = this.workers.list().get(0);
		assertThat(status.chunksInHand()).containsExactly("demo/1/3/1");
		assertThat(status.concurrency()).as("not reported").isZero();
	}

}
