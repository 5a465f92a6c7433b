package io.chunking.e2e.operations;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.Prometheus;
import tools.jackson.core.type.TypeReference;

/**
 * Jobs triggered by JSON messages on the trigger queue, sent by a producer with the broker's credentials, against a
 * master (triggers enabled) and a worker as processes, with the servers as processes of their own so that the job
 * repository can be stopped: a trigger starts its job once per idempotency key, also when it is sent twice or
 * delivered again after the master rolled it back; a message that can never start a job is moved to the rejection
 * queue with the reason; a trigger with a reply destination is answered.
 */
class TriggerMessagesIntegrationTests {

	private static final String JOB = "demo-checksum";

	private static final String QUEUE = "chunking.triggers";

	private static final String REJECTED = QUEUE + ".rejected";

	private static final Duration REPLY_WITHIN = Duration.ofSeconds(30);

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("triggers", (cluster) -> {
		cluster.startServers();
		// A short connection timeout: the outage test's trigger rolls back within seconds, not Hikari's 30 s.
		cluster.masterArgs("--chunking.triggers.enabled=true", "--spring.datasource.hikari.connection-timeout=3000");
		cluster.startMaster();
		cluster.startWorker("worker-triggers");
	});

	static ActiveMQConnectionFactory producer;

	@BeforeAll
	static void connectProducer() {
		producer = cluster.brokerConnectionFactory();
	}

	@AfterAll
	static void closeProducer() {
		if (producer != null) {
			producer.close();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void aTriggerMessageStartsItsJobAndTheExecutionCompletesWithTheExactResult() throws Exception {
		Reply reply = request(trigger("exact-1", 2000), "exact-1-correlation", REPLY_WITHIN);

		assertThat(reply.correlationId()).isEqualTo("exact-1-correlation");
		assertThat(reply.body()).containsEntry("started", true).containsEntry("idempotencyKey", "exact-1");
		long id = reply.executionId();
		Map<String, Object> done = cluster.awaitEnd(id, Duration.ofMinutes(2));
		assertExactResult(done, 2000);
		assertThat((Map<String, Object>) done.get("parameters")).containsEntry("items", "2000").containsEntry("chunkSize", "100");
		assertThat(executionsOf("exact-1")).containsExactly(id);
	}

	@Test
	void theSameTriggerSentTwiceStartsOneExecutionAndNothingElseOnceItCompleted() throws Exception {
		String text = trigger("twice-1", 1000);
		Reply first;
		Reply second;
		try (Caller caller = new Caller()) {
			caller.send(text, "twice-a");
			caller.send(text, "twice-b");
			first = caller.receive(REPLY_WITHIN);
			second = caller.receive(REPLY_WITHIN);
		}

		assertThat(List.of(first.body().get("started"), second.body().get("started"))).containsExactly(true, false);
		assertThat(second.executionId()).isEqualTo(first.executionId());
		Map<String, Object> done = cluster.awaitEnd(first.executionId(), Duration.ofMinutes(2));
		assertExactResult(done, 1000);

		Reply afterCompletion = request(text, "twice-c", REPLY_WITHIN);
		assertThat(afterCompletion.body()).containsEntry("started", false);
		assertThat(afterCompletion.executionId()).isEqualTo(first.executionId());
		Reply otherParameters = request(trigger("twice-1", 2000), "twice-d", REPLY_WITHIN);
		assertThat(otherParameters.body()).containsEntry("error", "idempotency_conflict")
			.hasEntrySatisfying("message", (message) -> assertThat((String) message)
				.startsWith("Idempotency key 'twice-1' started execution " + first.executionId() + " of " + JOB
						+ " with the parameters "));
		assertThat(executionsOf("twice-1")).containsExactly(first.executionId());
		assertThat(listedExecutionsOf(JOB)).containsOnlyOnce(first.executionId());
	}

	@Test
	void aTriggerRolledBackWhileTheJobRepositoryIsAwayIsDeliveredAgainAndStartsOneExecution() throws Exception {
		String key = "outage-1";
		Reply reply;
		try (Caller caller = new Caller()) {
			cluster.stopServer("jdbc");
			try {
				caller.send(trigger(key, 1000), key);
				cluster.awaitLog("master", "with key '" + key + "' could not start " + JOB + " now: ", cluster.master());
				assertThat(caller.replies.receive(1000)).as("no reply to a rolled-back trigger").isNull();
			}
			finally {
				cluster.startServer("jdbc");
			}
			reply = caller.receive(Duration.ofMinutes(3));
		}

		assertThat(reply.body()).containsEntry("started", true);
		assertThat(cluster.log("master")).contains("Trigger ")
			.contains("with key '" + key + "' started execution " + reply.executionId());
		Map<String, Object> done = cluster.awaitEnd(reply.executionId(), Duration.ofMinutes(2));
		assertExactResult(done, 1000);
		assertThat(executionsOf(key)).containsExactly(reply.executionId());
	}

	@Test
	void aMessageThatCanNeverStartAJobIsRejectedWithTheReasonAndStartsNothing() throws Exception {
		long executionsBefore = executionCount();
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("not-json", "{not json");
		cases.put("unknown-job", "{\"job\": \"no-such-job\", \"idempotencyKey\": \"rejected-1\"}");
		cases.put("invalid-parameter",
				"{\"job\": \"" + JOB + "\", \"parameters\": {\"items\": 0}, \"idempotencyKey\": \"rejected-2\"}");
		cases.put("no-key", "{\"job\": \"" + JOB + "\"}");
		Reply errorReply;
		try (Caller caller = new Caller()) {
			String answeredId = null;
			for (Map.Entry<String, String> entry : cases.entrySet()) {
				TextMessage message = caller.session.createTextMessage(entry.getValue());
				message.setStringProperty("testCase", entry.getKey());
				if (entry.getKey().equals("invalid-parameter")) {
					// No correlation id: the reply is correlated by the message id.
					message.setJMSReplyTo(caller.replyQueue);
				}
				caller.sender.send(message);
				if (entry.getKey().equals("invalid-parameter")) {
					answeredId = message.getJMSMessageID();
				}
			}
			errorReply = caller.receive(REPLY_WITHIN);
			assertThat(errorReply.correlationId()).as("correlated by the message id").isEqualTo(answeredId);
		}

		assertThat(errorReply.body()).containsEntry("error", "invalid_parameter")
			.hasEntrySatisfying("message", (message) -> assertThat((String) message).startsWith("Parameter 'items' "));
		Map<String, Message> rejected = awaitRejected(cases.keySet(), Duration.ofSeconds(30));
		assertRejected(rejected.get("not-json"), "invalid_request", "The message is not valid JSON (");
		assertRejected(rejected.get("unknown-job"), "unknown_job", "No job named 'no-such-job'; known jobs: ");
		assertRejected(rejected.get("invalid-parameter"), "invalid_parameter",
				"Parameter 'items' ");
		assertRejected(rejected.get("no-key"), "invalid_request", "Field 'idempotencyKey' is missing: ");
		assertThat(((TextMessage) rejected.get("not-json")).getText()).isEqualTo("{not json");
		assertThat(executionCount()).as("executions started").isEqualTo(executionsBefore);
		assertThat(Prometheus.value(cluster.scrape(ChunkingCluster.MASTER),
				"chunking_triggers_total{outcome=\"rejected\"}").orElse(0)).as("rejected triggers counted")
			.isGreaterThanOrEqualTo(4);
		assertThat(cluster.log("master")).contains("Rejected trigger ").contains(" and moved it to " + REJECTED + ": ");
	}

	private static String trigger(String key, long items) {
		return "{\"job\": \"" + JOB + "\", \"parameters\": {\"items\": \"" + items + "\", \"chunkSize\": 100}, "
				+ "\"idempotencyKey\": \"" + key + "\"}";
	}

	/** Sends a trigger with a temporary reply queue and waits for the answer. */
	private static Reply request(String text, String correlationId, Duration timeout) throws Exception {
		try (Caller caller = new Caller()) {
			caller.send(text, correlationId);
			return caller.receive(timeout);
		}
	}

	/** Waits until the rejection queue holds a message of each test case, and returns them by case. */
	private static Map<String, Message> awaitRejected(java.util.Set<String> cases, Duration timeout)
			throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Message> found = new LinkedHashMap<>();
		while (System.nanoTime() < deadline) {
			try (jakarta.jms.Connection connection = producer.createConnection()) {
				Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
				connection.start();
				try (QueueBrowser browser = session.createBrowser(session.createQueue(REJECTED))) {
					for (Object message : Collections.list(browser.getEnumeration())) {
						String testCase = ((Message) message).getStringProperty("testCase");
						if (testCase != null) {
							found.put(testCase, (Message) message);
						}
					}
				}
			}
			if (found.keySet().containsAll(cases)) {
				return found;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Rejected within " + timeout + ": " + found.keySet() + " of " + cases);
	}

	private static void assertRejected(Message message, String error, String reason) throws Exception {
		assertThat(message.getStringProperty("chunkingTriggerError")).isEqualTo(error);
		assertThat(message.getStringProperty("chunkingTriggerReason")).startsWith(reason);
	}

	/** The executions whose run id is derived from the idempotency key, read from the job repository. */
	private static List<Long> executionsOf(String key) throws Exception {
		List<Long> ids = new ArrayList<>();
		try (Connection connection = cluster.jobRepository();
				PreparedStatement query = connection.prepareStatement("SELECT JOB_EXECUTION_ID FROM "
						+ "BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'chunking.run-id' AND PARAMETER_VALUE = ? "
						+ "ORDER BY JOB_EXECUTION_ID")) {
			query.setString(1, "trigger:" + key);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getLong(1));
				}
			}
		}
		return ids;
	}

	private static long executionCount() throws Exception {
		try (Connection connection = cluster.jobRepository(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** The ids of the job's executions as the API lists them. */
	private static List<Long> listedExecutionsOf(String job) throws Exception {
		ChunkingCluster.Response listed = cluster.get("/api/executions?jobName=" + job + "&size=100");
		assertThat(listed.status()).as(listed.text()).isEqualTo(200);
		return ((List<?>) listed.body().get("executions")).stream()
			.map((execution) -> ((Number) ((Map<?, ?>) execution).get("id")).longValue())
			.toList();
	}

	/** A producer of triggers on the trigger queue, with a temporary queue for the replies. */
	private static final class Caller implements AutoCloseable {

		final jakarta.jms.Connection connection;

		final Session session;

		final TemporaryQueue replyQueue;

		final MessageConsumer replies;

		final MessageProducer sender;

		Caller() throws Exception {
			this.connection = producer.createConnection();
			this.session = this.connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
			this.replyQueue = this.session.createTemporaryQueue();
			this.replies = this.session.createConsumer(this.replyQueue);
			this.sender = this.session.createProducer(this.session.createQueue(QUEUE));
			this.connection.start();
		}

		/** Sends a trigger that asks for a reply, with a correlation id. */
		void send(String text, String correlationId) throws Exception {
			TextMessage message = this.session.createTextMessage(text);
			message.setJMSReplyTo(this.replyQueue);
			message.setJMSCorrelationID(correlationId);
			this.sender.send(message);
		}

		Reply receive(Duration timeout) throws Exception {
			Message reply = this.replies.receive(timeout.toMillis());
			assertThat(reply).as("a reply within %s", timeout).isInstanceOf(TextMessage.class);
			return new Reply(reply.getJMSCorrelationID(),
					cluster.json().readValue(((TextMessage) reply).getText(), MAP));
		}

		@Override
		public void close() throws Exception {
			this.connection.close();
		}

	}

	/** A reply to a trigger: its correlation id and JSON body. */
	private record Reply(String correlationId, Map<String, Object> body) {

		long executionId() {
			assertThat(this.body).containsKey("executionId");
			return ((Number) this.body.get("executionId")).longValue();
		}

	}

}
