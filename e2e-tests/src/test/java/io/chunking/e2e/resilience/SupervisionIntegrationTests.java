package io.chunking.e2e.resilience;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * What the master notices that no worker reports.
 * <ul>
 * <li>Chunk requests that never reach a worker: taken off the queue and acknowledged by a faulty consumer, or
 * purged. Their chunks stay pending in the ledger, and the master's supervisor sends their requests again after
 * {@code chunking.master.redispatch-after} (15 s by default, used here), checked every third of it: without that
 * the run would wait for {@code chunking.master.timeout} (24 h). Requests merely queued behind others are not sent
 * twice: the supervisor compares the pending chunks with the queue's depth.</li>
 * <li>A ledger altered behind the framework's back (pending chunks set to succeeded by another client): the run
 * fails saying what does not add up, instead of presenting a partial count as the result.</li>
 * </ul>
 */
class SupervisionIntegrationTests {

	/** The default of chunking.master.redispatch-after. */
	static final Duration REDISPATCH_AFTER = Duration.ofSeconds(15);

	/**
	 * Latest a lost request is sent again after it was lost: the wait, two check intervals (the first check may
	 * count a request in the queue that is only leaving it) and two polls.
	 */
	static final Duration BOUND = REDISPATCH_AFTER.plus(REDISPATCH_AFTER.dividedBy(3).multipliedBy(2)).plusSeconds(2);

	static final String QUEUE = "chunking.requests.demo-checksum";

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("supervision", (cluster) -> {
		cluster.masterArgs("--chunking.master.poll-interval=250ms");
		cluster.workerArgs(WorkerFailureIntegrationTests.WORKER_ARGS);
		cluster.startMaster();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
	});

	@Test
	void requestsTakenByAFaultyConsumerAreSentAgainWithoutFloodingTheQueue() throws Exception {
		long items = 20_000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "workMicros", "300"));
		cluster.awaitSucceeded(id, 100, Duration.ofMinutes(2));
		Instant takenAt = Instant.now();
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		List<Integer> taken = takeRequests(instance, 30);
		assertThat(taken).as("requests taken off the queue").hasSize(30);

		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertExactResult(execution, items, Set.of(), 20);
		Map<Integer, Document> ledger = cluster.ledger(instanceId(execution));
		Instant lastResend = Instant.MIN;
		for (int index : taken) {
			Document chunk = ledger.get(index);
			assertThat(chunk.getInteger("dispatchCount")).as("dispatches of taken chunk %s", index).isEqualTo(2);
			assertThat(chunk.getInteger("attempt")).as("attempts of taken chunk %s", index).isEqualTo(1);
			Instant resent = chunk.getDate("dispatchedAt").toInstant();
			lastResend = resent.isAfter(lastResend) ? resent : lastResend;
		}
		long dispatches = ledger.values().stream().mapToLong((chunk) -> chunk.getInteger("dispatchCount")).sum();
		Duration resentWithin = Duration.between(takenAt, lastResend);
		WorkerFailureIntegrationTests.figures("30 requests taken off the queue after 100 of 1000 chunks: all sent "
				+ "again within " + resentWithin.toMillis() + " ms of being taken; " + (dispatches - 1000)
				+ " requests sent beyond the first 1000; result " + execution.get("result"));
		assertThat(resentWithin).as("time from losing the requests to sending them again").isLessThan(BOUND);
		// A running chunk's request normally waits in the queue until the chunk completes; one whose request was
		// acknowledged early (a redelivery ignored while it ran) can make the supervisor send one suspect more.
		assertThat(dispatches - 1000).as("requests sent again: the 30 lost ones, not the queued ones")
			.isBetween(30L, 32L);
		assertThat(cluster.log("master")).contains("sent again the requests of");
	}

	@Test
	void aPurgedQueueIsRefilledForIdleWorkersWithinTheBound() throws Exception {
		long items = 20_000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "workMicros", "300"));
		cluster.awaitSucceeded(id, 100, Duration.ofMinutes(2));
		Instant purgedAt = Instant.now();
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		List<Integer> purged = takeRequests(instance, Integer.MAX_VALUE);
		assertThat(purged.size()).as("requests purged").isGreaterThan(500);

		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));
		Duration took = Duration.between(purgedAt, Instant.now());

		assertExactResult(execution, items, Set.of(), 20);
		Map<Integer, Document> ledger = cluster.ledger(instanceId(execution));
		// A purged chunk whose request had a duplicate in the queue may not need sending again.
		Instant firstResend = purged.stream()
			.map((index) -> ledger.get(index).getDate("dispatchedAt").toInstant())
			.filter((dispatched) -> dispatched.isAfter(purgedAt))
			.min(Instant::compareTo)
			.orElseThrow(() -> new AssertionError("No purged request was sent again"));
		WorkerFailureIntegrationTests.figures("queue purged after 100 of 1000 chunks (" + purged.size()
				+ " requests): the first sent again " + Duration.between(purgedAt, firstResend).toMillis()
				+ " ms later, the run completed " + took.toSeconds() + " s after the purge; result "
				+ execution.get("result"));
		assertThat(Duration.between(purgedAt, firstResend)).as("time from purge to the first request sent again")
			.isLessThan(BOUND);
		assertThat(purged).allSatisfy((index) -> assertThat(ledger.get(index).getInteger("attempt")).isEqualTo(1));
	}

	@Test
	void aLedgerAlteredBehindTheFrameworksBackFailsTheRunSayingWhatDoesNotAddUp() throws Exception {
		long items = 10_000;
		long id = cluster.trigger("demo-checksum",
				Map.of("items", Long.toString(items), "chunkSize", "20", "workMicros", "2000"));
		cluster.awaitSucceeded(id, 50, Duration.ofMinutes(2));
		long instance = instanceId(cluster.get("/api/executions/" + id).body());
		long altered;
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			altered = mongo.getDatabase("chunking")
				.getCollection("chunks")
				.updateMany(new Document("jobInstanceId", instance).append("status", "PENDING"),
						new Document("$set", new Document("status", "SUCCEEDED")))
				.getModifiedCount();
		}
		assertThat(altered).as("pending chunks set to SUCCEEDED by hand").isGreaterThan(300);

		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(2));

		assertThat(execution.get("status")).as("%s", execution).isEqualTo("FAILED");
		assertThat(execution.get("result")).as("no result is presented").isEqualTo(Map.of());
		String exit = (String) execution.get("exitDescription");
		long countedItems = (500 - altered) * 20;
		assertThat(exit).contains("The chunk ledger of job instance " + instance + " does not add up")
			.contains(altered + " chunks are SUCCEEDED without an attempt that read all their items")
			.contains(countedItems + " items were counted, 10000 were expected (10000 sliced, 0 in dead chunks)");
		WorkerFailureIntegrationTests.figures("ledger altered: " + altered + " pending chunks set to SUCCEEDED by "
				+ "hand; the execution FAILED: " + exit.substring(0, exit.indexOf('\n') > 0 ? exit.indexOf('\n')
						: exit.length()));
	}

	/**
	 * Takes up to {@code count} requests off the job's queue and acknowledges them, as a faulty consumer or an
	 * operator's purge would, and returns the chunk indexes of those of the job instance. Stops when the queue has
	 * nothing for 2 s.
	 */
	static List<Integer> takeRequests(long instance, int count) throws Exception {
		ActiveMQConnectionFactory factory = cluster.brokerConnectionFactory();
		factory.setConsumerWindowSize(0);
		List<Integer> indexes = new ArrayList<>();
		try (factory; Connection connection = factory.createConnection();
				Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE)) {
			MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
			connection.start();
			Message last = null;
			while (indexes.size() < count) {
				Message message = consumer.receive(2000);
				if (message == null) {
					break;
				}
				Map<?, ?> request = cluster.json().readValue(((TextMessage) message).getText(), Map.class);
				if (((Number) request.get("jobInstanceId")).longValue() == instance) {
					indexes.add(((Number) request.get("chunkIndex")).intValue());
				}
				last = message;
			}
			if (last != null) {
				last.acknowledge();
			}
		}
		return indexes;
	}

}
