package io.chunking.e2e.operations;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.ChunkingCluster.CliRun;
import tools.jackson.databind.JsonNode;

/**
 * Messages on a job's request queue that are no chunk requests, put there by an outsider with the broker's
 * credentials, against the master and worker processes of {@link ClusterExtension#shared()}: each is moved to the
 * dead-letter queue at its first delivery with one WARN line and no stack trace, is counted per job in the API, the
 * gauge and the CLI, can be listed and purged, and does not disturb a run. A request that is never acknowledged ends
 * on the same queue instead of being dropped by the broker.
 */
class DeadLetterIntegrationTests {

	private static final String WORKER = ClusterExtension.SHARED_WORKER;

	private static final String JOB = "demo-checksum";

	private static final String QUEUE = "chunking.requests." + JOB;

	/** Longest time from sending a message to seeing it parked: well below 10 deliveries a second apart. */
	private static final Duration PARKED_WITHIN = Duration.ofSeconds(5);

	static ActiveMQConnectionFactory outsider;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.shared();

	@BeforeAll
	static void connectOutsider() {
		outsider = cluster.brokerConnectionFactory();
	}

	@AfterAll
	static void closeOutsider() {
		if (outsider != null) {
			outsider.close();
		}
	}

	/** Length of the shared worker's log when the test began. */
	private int workerLogStart;

	@BeforeEach
	void markWorkerLog() throws Exception {
		this.workerLogStart = cluster.log(WORKER).length();
	}

	@Test
	void messagesThatAreNoChunkRequestsAreParkedAtOnceCountedListedAndPurgedByOperators() throws Exception {
		long before = deadLetterCount();
		long sent = System.nanoTime();
		Map<String, String> types = sendPoison("first");

		Map<String, JsonNode> parked = awaitParked(types.keySet(), PARKED_WITHIN);
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("parked at the first delivery")
			.isLessThan(PARKED_WITHIN);
		types.forEach((id, type) -> assertThat(parked.get(id).path("type").asString()).as(id).isEqualTo(type));
		assertThat(reasons(parked)).anySatisfy((reason) -> assertThat(reason)
			.isEqualTo("A message of type ObjectMessage is not a chunk request: chunk requests are JSON text messages"))
			.anySatisfy((reason) -> assertThat(reason).startsWith("Not a chunk request: ").contains("{not json"))
			.anySatisfy((reason) -> assertThat(reason).startsWith("Chunk request version 2 is not supported"))
			.anySatisfy((reason) -> assertThat(reason)
				.isEqualTo("The chunk request names job 'other-job' but came on the queue of job 'demo-checksum'"));
		assertThat(parked.values()).filteredOn((letter) -> letter.path("type").asString().equals("ObjectMessage"))
			.singleElement()
			.satisfies((letter) -> assertThat(letter.path("excerpt").isNull()).as("body not read").isTrue());
		assertOneWarningEachAndNoStackTrace(types.keySet());

		assertThat(deadLetterCount()).isEqualTo(before + 6);
		cluster.awaitMetric(ChunkingCluster.MASTER, "chunking_dead_letters{job=\"" + JOB + "\"}", before + 6,
				Duration.ofSeconds(15));
		CliRun counts = cluster.cliAsOperator("dead-letters");
		assertThat(counts.exit()).as("%s", counts).isZero();
		assertThat(counts.out()).containsPattern("(?m)^" + JOB + " +" + (before + 6) + "$")
			.contains("on chunking.dead-letters in all");
		CliRun list = cluster.cliAsOperator("dead-letters", JOB, "--size", "1000", "--json");
		assertThat(list.exit()).as("%s", list).isZero();
		List<String> listed = new ArrayList<>();
		cluster.json()
			.readTree(list.out())
			.path("deadLetters")
			.forEach((letter) -> listed.add(letter.path("messageId").asString()));
		assertThat(listed).containsAll(types.keySet());

		ChunkingCluster.Response byViewer = cluster.send("POST", "/api/dead-letters/" + JOB + "/purge", "",
				ChunkingCluster.VIEWER);
		assertThat(byViewer.status()).isEqualTo(403);
		CliRun purge = cluster.cliAsOperator("purge-dead-letters", JOB);
		assertThat(purge.exit()).as("%s", purge).isZero();
		assertThat(purge.out()).isEqualTo("Purged " + (before + 6) + " dead letters of " + JOB + "\n");
		assertThat(deadLetterCount()).isZero();
		cluster.awaitMetric(ChunkingCluster.MASTER, "chunking_dead_letters{job=\"" + JOB + "\"}", 0,
				Duration.ofSeconds(15));
		ChunkingCluster.Response unknown = cluster.get("/api/dead-letters/no-such-job");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().get("error")).isEqualTo("unknown_job");
	}

	@Test
	void aRunWithMessagesThatAreNoChunkRequestsAmongItsRequestsCompletesWithTheExactResult() throws Exception {
		long id = cluster.trigger(JOB, Map.of("items", "40000", "chunkSize", "100"));
		cluster.awaitSucceeded(id, 20, Duration.ofMinutes(2));
		Map<String, String> types = sendPoison("during a run");

		Map<String, Object> done = cluster.awaitEnd(id, Duration.ofMinutes(3));
		assertExactResult(done, 40_000);
		// Sent after the run's 400 requests, they are parked once the worker reaches them.
		awaitParked(types.keySet(), Duration.ofSeconds(30));
		assertOneWarningEachAndNoStackTrace(types.keySet());
	}

	@Test
	void aRequestThatIsNeverAcknowledgedIsKeptOnTheDeadLetterQueueInsteadOfDropped() throws Exception {
		String queue = "chunking.requests.not-served";
		String id;
		int deliveries = 0;
		try (Connection connection = outsider.createConnection()) {
			Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
			Message request = session.createTextMessage(
					"{\"version\":1,\"jobName\":\"not-served\",\"jobInstanceId\":1,\"jobExecutionId\":1,\"chunkIndex\":0}");
			session.createProducer(session.createQueue(queue)).send(request);
			session.commit();
			id = request.getJMSMessageID();
			MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
			connection.start();
			// A consumer that fails on it every time, as a worker that crashes on it would.
			while (consumer.receive(3000) != null) {
				deliveries++;
				session.rollback();
			}
		}

		assertThat(deliveries).as("the broker's delivery attempts").isEqualTo(10);
		assertThat(browseDeadLetters(queue)).containsExactly(id);
		assertThat(cluster.log("master")).doesNotContain("AMQ222148").contains("AMQ222149");
	}

	/**
	 * Sends one of each kind of message that is no chunk request to the job's queue, as an outsider.
	 * @return the message ids with their JMS type
	 */
	private static Map<String, String> sendPoison(String tag) throws Exception {
		Map<String, String> types = new LinkedHashMap<>();
		try (Connection connection = outsider.createConnection()) {
			Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
			var producer = session.createProducer(session.createQueue(QUEUE));
			Map<Message, String> messages = new LinkedHashMap<>();
			messages.put(session.createObjectMessage(new HashMap<>(Map.of("tag", tag))), "ObjectMessage");
			messages.put(session.createTextMessage("{not json, " + tag + "\nsecond line"), "TextMessage");
			BytesMessage bytes = session.createBytesMessage();
			bytes.writeBytes(tag.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			messages.put(bytes, "BytesMessage");
			MapMessage map = session.createMapMessage();
			map.setString("jobName", JOB);
			messages.put(map, "MapMessage");
			messages.put(session.createTextMessage("{\"version\":2,\"jobName\":\"" + JOB
					+ "\",\"jobInstanceId\":1,\"jobExecutionId\":1,\"chunkIndex\":0}"), "TextMessage");
			messages.put(session.createTextMessage(
					"{\"version\":1,\"jobName\":\"other-job\",\"jobInstanceId\":1,\"jobExecutionId\":1,\"chunkIndex\":0}"),
					"TextMessage");
			for (Map.Entry<Message, String> message : messages.entrySet()) {
				producer.send(message.getKey());
				types.put(message.getKey().getJMSMessageID(), message.getValue());
			}
		}
		return types;
	}

	/** Waits until the API lists every one of the messages among the job's dead letters, and returns them by id. */
	private static Map<String, JsonNode> awaitParked(java.util.Set<String> ids, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, JsonNode> found = new HashMap<>();
		while (System.nanoTime() < deadline) {
			ChunkingCluster.Response page = cluster.get("/api/dead-letters/" + JOB + "?size=1000");
			assertThat(page.status()).as(page.text()).isEqualTo(200);
			cluster.json().readTree(page.text()).path("deadLetters").forEach((letter) -> {
				if (ids.contains(letter.path("messageId").asString())) {
					found.put(letter.path("messageId").asString(), letter);
				}
			});
			if (found.keySet().containsAll(ids)) {
				return found;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Parked within " + timeout + ": " + found.keySet() + " of " + ids);
	}

	private static List<String> reasons(Map<String, JsonNode> letters) {
		return letters.values().stream().map((letter) -> letter.path("reason").asString()).toList();
	}

	private void assertOneWarningEachAndNoStackTrace(java.util.Set<String> ids) throws Exception {
		// The worker is shared with other test classes: look only at what it logged since this test began.
		List<String> lines = cluster.log(WORKER).substring(this.workerLogStart).lines().toList();
		for (String id : ids) {
			assertThat(lines).filteredOn((line) -> line.contains(id))
				.as("log lines of %s", id)
				.singleElement()
				.satisfies((line) -> assertThat(line).contains(" WARN ").contains("chunking.dead-letters"));
		}
		assertThat(lines).as("no stack trace in the worker's log")
			.noneMatch((line) -> line.matches("\\s+at .*") || line.startsWith("Caused by:"));
	}

	private static long deadLetterCount() throws Exception {
		ChunkingCluster.Response counts = cluster.get("/api/dead-letters");
		assertThat(counts.status()).as(counts.text()).isEqualTo(200);
		assertThat(counts.body().get("queue")).isEqualTo("chunking.dead-letters");
		for (Object job : (List<?>) counts.body().get("jobs")) {
			Map<?, ?> entry = (Map<?, ?>) job;
			if (JOB.equals(entry.get("job"))) {
				return ((Number) entry.get("count")).longValue();
			}
		}
		throw new AssertionError("No count of " + JOB + " in " + counts.text());
	}

	/** Ids of the messages on the dead-letter queue that came from {@code queue}, read with a browser. */
	private static List<String> browseDeadLetters(String queue) throws Exception {
		List<String> ids = new ArrayList<>();
		try (Connection connection = outsider.createConnection()) {
			Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
			connection.start();
			try (QueueBrowser browser = session.createBrowser(session.createQueue("chunking.dead-letters"),
					"_AMQ_ORIG_ADDRESS = '" + queue + "'")) {
				for (Object message : java.util.Collections.list(browser.getEnumeration())) {
					ids.add(((Message) message).getJMSMessageID());
				}
			}
		}
		return ids;
	}

}
