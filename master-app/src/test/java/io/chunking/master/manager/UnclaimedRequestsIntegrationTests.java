package io.chunking.master.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.protocol.ChunkRequest;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.mongo.MongoChunkLedger;
import io.chunking.store.testing.StoreServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * How the supervisor decides which pending chunks lost their request, against a real Mongo-wire ledger and a
 * dispatcher that records what is sent and reports a queue depth the test sets.
 */
class UnclaimedRequestsIntegrationTests {

	private static final Duration AFTER = Duration.ofSeconds(15);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final long INSTANCE = 1;

	@TempDir
	static Path dataDir;

	static StoreServers servers;

	static MongoClient mongo;

	ChunkLedger ledger;

	RecordingDispatcher dispatcher = new RecordingDispatcher();

	SimpleMeterRegistry registry = new SimpleMeterRegistry();

	ChunkMetrics metrics = new ChunkMetrics(this.registry);

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
		MongoDatabase database = mongo.getDatabase("unclaimed-test");
		database.drop();
		this.ledger = new MongoChunkLedger(database.getCollection("chunks"));
		this.ledger.initialize();
		List<NewChunk> chunks = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ChunkKey key = new ChunkKey(INSTANCE, i);
			chunks.add(new NewChunk(key, "demo", 7, 20, ChunkKeys.payload("demo", key)));
		}
		this.ledger.record(chunks);
		this.ledger.dispatched(INSTANCE, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), T0);
	}

	@Test
	void sendsAgainAsManyOfTheOldestRequestsAsTheQueueLacks() {
		UnclaimedRequests unclaimed = unclaimed(T0);
		this.dispatcher.queued = OptionalLong.of(7);

		int sent = unclaimed.check(this.ledger.count(INSTANCE), T0.plus(AFTER).plusSeconds(1));

		assertThat(sent).isEqualTo(3);
		assertThat(this.dispatcher.sent).containsExactly(0, 1, 2);
		assertThat(this.ledger.unclaimed(INSTANCE, T0.plusSeconds(1), 10)).hasSize(7);
		assertThat(this.registry.get(ChunkMetrics.REDISPATCHED).counter().count()).isEqualTo(3);
	}

	@Test
	void countsTheRequestOfARunningChunkAsStillInTheQueue() {
		this.ledger.claim(new ChunkKey(INSTANCE, 9), "w1", Duration.ofMinutes(5), T0).orElseThrow();
		UnclaimedRequests unclaimed = unclaimed(T0);
		this.dispatcher.queued = OptionalLong.of(9);

		assertThat(unclaimed.check(this.ledger.count(INSTANCE), T0.plus(AFTER).plusSeconds(1))).isEqualTo(1);
		assertThat(this.dispatcher.sent).containsExactly(0);
	}

	@Test
	void sendsNothingWhileEveryPendingChunkHasARequestInTheQueue() {
		UnclaimedRequests unclaimed = unclaimed(T0);
		this.dispatcher.queued = OptionalLong.of(12);

		assertThat(unclaimed.check(this.ledger.count(INSTANCE), T0.plus(AFTER).plusSeconds(1))).isZero();
		assertThat(this.dispatcher.sent).isEmpty();
	}

	@Test
	void suspectsNothingBeforeTheRequestsAreOlderThanTheWait() {
		UnclaimedRequests unclaimed = unclaimed(T0);
		this.dispatcher.queued = OptionalLong.of(0);

		assertThat(unclaimed.check(this.ledger.count(INSTANCE), T0.plus(AFTER).minusSeconds(1))).isZero();
		assertThat(this.dispatcher.sent).isEmpty();
	}

	@Test
	void withoutAQueueDepthSendsAgainOnlyWhenNothingRunsOrChangesForTheWait() {
		ChunkClaim running = this.ledger.claim(new ChunkKey(INSTANCE, 9), "w1", Duration.ofMinutes(5), T0)
			.orElseThrow();
		UnclaimedRequests unclaimed = unclaimed(T0);

		assertThat(unclaimed.check(this.ledger.count(INSTANCE), T0.plus(AFTER).plusSeconds(1)))
			.as("a chunk is running: the workers are busy")
			.isZero();
		this.ledger.complete(running, new ChunkOutcome(new ItemCounts(20, 20, 0), null), T0);
		Instant changed = T0.plus(AFTER).plusSeconds(2);
		assertThat(unclaimed.check(this.ledger.count(INSTANCE), changed)).as("the counts just changed").isZero();

		int sent = unclaimed.check(this.ledger.count(INSTANCE), changed.plus(AFTER));

		assertThat(sent).as("idle for the wait: every suspect").isEqualTo(9);
		assertThat(this.dispatcher.sent).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
	}

	@Test
	void aRequestNeverSentIsSentWhateverTheQueueHolds() {
		ChunkKey key = new ChunkKey(INSTANCE, 10);
		this.ledger.record(List.of(new NewChunk(key, "demo", 7, 20, ChunkKeys.payload("demo", key))));
		UnclaimedRequests unclaimed = unclaimed(T0);
		this.dispatcher.queued = OptionalLong.of(1000);

		assertThat(unclaimed.check(this.ledger.count(INSTANCE), T0.plusSeconds(6))).isEqualTo(1);
		assertThat(this.dispatcher.sent).containsExactly(10);
	}

	@Test
	void aChunkSentAgainWaitsTwiceAsLongBeforeItIsSuspectedAgain() {
		UnclaimedRequests unclaimed = unclaimed(T0);
		this.dispatcher.queued = OptionalLong.of(0);
		Instant first = T0.plus(AFTER).plusSeconds(1);
		assertThat(unclaimed.check(this.ledger.count(INSTANCE), first)).isEqualTo(10);
		this.dispatcher.sent.clear();

		assertThat(unclaimed.check(this.ledger.count(INSTANCE), first.plus(AFTER).plusSeconds(1)))
			.as("one wait after the second dispatch")
			.isZero();
		assertThat(unclaimed.check(this.ledger.count(INSTANCE), first.plus(AFTER.multipliedBy(2)).plusSeconds(1)))
			.as("two waits after it")
			.isEqualTo(10);
	}

	private UnclaimedRequests unclaimed(Instant start) {
		return new UnclaimedRequests("demo", INSTANCE, 7, this.ledger, this.dispatcher, this.metrics, AFTER,
				Duration.ofMillis(250), start);
	}

	/** Records the chunk indexes sent and reports the queue depth the test sets. */
	static final class RecordingDispatcher implements ChunkDispatcher {

		final List<Integer> sent = new ArrayList<>();

		OptionalLong queued = OptionalLong.empty();

		@Override
		public void dispatch(List<ChunkRequest> requests) {
			requests.forEach((request) -> this.sent.add(request.chunkIndex()));
		}

		@Override
		public OptionalLong queued(String jobName) {
			return this.queued;
		}

	}

}
