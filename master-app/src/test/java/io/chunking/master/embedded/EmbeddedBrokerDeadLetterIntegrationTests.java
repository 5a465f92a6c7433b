package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.connection.CachingConnectionFactory;

import io.chunking.protocol.DeadLetterParking;
import io.chunking.protocol.DeadLetters;
import io.chunking.master.broker.DeadLetterQueue;

/**
 * The dead-letter queue of the embedded broker, over TCP with the broker's one user: what workers park there and
 * what the broker moves there is counted by request queue, listed and purged by the master.
 */
class EmbeddedBrokerDeadLetterIntegrationTests {

	private static final String QUEUE_A = "chunking.requests.a";

	private static final String QUEUE_B = "chunking.requests.b";

	@TempDir
	Path dataDir;

	private EmbeddedArtemisServer broker;

	private ActiveMQConnectionFactory clients;

	private CachingConnectionFactory connectionFactory;

	private DeadLetterQueue deadLetters;

	@BeforeEach
	void startBroker() throws Exception {
		EmbeddedProperties properties = LocalBroker.properties(this.dataDir);
		this.broker = new EmbeddedArtemisServer(properties);
		this.clients = LocalBroker.client(properties);
		// As on a worker: no class may be deserialized, so reading an object message's body would fail.
		this.clients.setDeserializationDenyList("*");
		this.connectionFactory = new CachingConnectionFactory(this.clients);
		this.deadLetters = new DeadLetterQueue(this.connectionFactory, Duration.ofSeconds(5));
	}

	@AfterEach
	void stopBroker() throws Exception {
		this.connectionFactory.destroy();
		this.clients.close();
		this.broker.close();
	}

	@Test
	void parkedMessagesAreCountedByRequestQueueListedWithTheirReasonAndPurgedByQueue() throws Exception {
		assertThat(this.deadLetters.counts().total()).as("the queue exists and is empty").isZero();
		String objectId = send(QUEUE_A, (session) -> session.createObjectMessage(new java.util.Date(0)));
		String bytesId = send(QUEUE_A, (session) -> {
			BytesMessage bytes = session.createBytesMessage();
			bytes.writeBytes(new byte[] { 1, 2, 3 });
			return bytes;
		});
		String textId = send(QUEUE_A, (session) -> session.createTextMessage("{not json\nsecond line"));
		String mapId = send(QUEUE_B, (session) -> {
			MapMessage map = session.createMapMessage();
			map.setString("jobName", "b");
			return map;
		});
		DeadLetterParking parking = new DeadLetterParking(this.connectionFactory);
		receiveAndPark(parking, QUEUE_A, 3, "not a chunk request");
		receiveAndPark(parking, QUEUE_B, 1, "a map");

		DeadLetterQueue.Counts counts = this.deadLetters.counts();
		assertThat(counts.total()).isEqualTo(4);
		assertThat(counts.of(QUEUE_A)).isEqualTo(3);
		assertThat(counts.of(QUEUE_B)).isEqualTo(1);
		List<DeadLetterQueue.DeadLetter> first = this.deadLetters.page(QUEUE_A, 0, 2);
		List<DeadLetterQueue.DeadLetter> second = this.deadLetters.page(QUEUE_A, 1, 2);
		assertThat(first).extracting(DeadLetterQueue.DeadLetter::messageId).containsExactly(objectId, bytesId);
		assertThat(second).extracting(DeadLetterQueue.DeadLetter::messageId).containsExactly(textId);
		assertThat(first.get(0).type()).isEqualTo("ObjectMessage");
		assertThat(first.get(0).excerpt()).as("an object message's body is not read").isNull();
		assertThat(first.get(0).reason()).isEqualTo("not a chunk request");
		assertThat(first.get(0).timestamp()).isNotNull();
		assertThat(first.get(1).excerpt()).isEqualTo("3 bytes");
		assertThat(second.get(0).excerpt()).isEqualTo("{not json\\nsecond line");
		assertThat(this.deadLetters.page(QUEUE_B, 0, 10)).singleElement()
			.satisfies((letter) -> assertThat(letter.messageId()).isEqualTo(mapId))
			.satisfies((letter) -> assertThat(letter.excerpt()).isEqualTo("entries jobName"));

		assertThat(this.deadLetters.purge(QUEUE_A)).isEqualTo(3);
		assertThat(this.deadLetters.counts().total()).isEqualTo(1);
		assertThat(this.deadLetters.counts().of(QUEUE_A)).isZero();
		assertThat(this.deadLetters.page(QUEUE_B, 0, 10)).hasSize(1);
	}

	@Test
	void aMessageParkedAgainAfterTheWorkerDiedBeforeAcknowledgingItIsOneDeadLetter() throws Exception {
		String id = send(QUEUE_A, (session) -> session.createTextMessage("garbage"));
		DeadLetterParking parking = new DeadLetterParking(this.connectionFactory);
		try (Connection connection = this.clients.createConnection()) {
			Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
			connection.start();
			Message message = session.createConsumer(session.createQueue(QUEUE_A)).receive(5000);
			parking.park(message, QUEUE_A, "garbage");
			// closed without acknowledging: the original is delivered again
		}
		receiveAndPark(parking, QUEUE_A, 1, "garbage");

		assertThat(this.deadLetters.counts().of(QUEUE_A)).isEqualTo(1);
		assertThat(this.deadLetters.page(QUEUE_A, 0, 10)).extracting(DeadLetterQueue.DeadLetter::messageId)
			.containsExactly(id);
	}

	@Test
	void aRequestNeverAcknowledgedIsMovedToTheDeadLetterQueueAfterItsDeliveryAttempts() throws Exception {
		String id = send(QUEUE_B, (session) -> session.createTextMessage("{\"version\":1}"));
		int deliveries = 0;
		try (Connection connection = this.clients.createConnection()) {
			Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
			MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE_B));
			connection.start();
			// Redelivered a second after each rollback, as to a worker that fails on it every time.
			while (consumer.receive(3000) != null) {
				deliveries++;
				session.rollback();
			}
		}

		assertThat(deliveries).isEqualTo(10);
		assertThat(this.deadLetters.counts().of(QUEUE_B)).isEqualTo(1);
		assertThat(this.deadLetters.page(QUEUE_B, 0, 10)).singleElement().satisfies((letter) -> {
			assertThat(letter.messageId()).isEqualTo(id);
			assertThat(letter.reason()).isEqualTo(DeadLetterQueue.DELIVERY_ATTEMPTS_USED_UP);
		});
	}

	@FunctionalInterface
	private interface MessageFactory {

		Message create(Session session) throws Exception;

	}

	/** Sends a message as an outsider would, and returns its JMS message id. */
	private String send(String queue, MessageFactory factory) throws Exception {
		try (Connection connection = this.clients.createConnection()) {
			Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
			MessageProducer producer = session.createProducer(session.createQueue(queue));
			Message message = factory.create(session);
			producer.send(message);
			return message.getJMSMessageID();
		}
	}

	/** Receives messages as a worker does, parks each and acknowledges it afterwards. */
	private void receiveAndPark(DeadLetterParking parking, String queue, int count, String reason) throws Exception {
		try (Connection connection = this.clients.createConnection()) {
			Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
			MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
			connection.start();
			for (int i = 0; i < count; i++) {
				Message message = consumer.receive(5000);
				assertThat(message).as("message %s of %s", i + 1, queue).isNotNull();
				parking.park(message, queue, reason);
				message.acknowledge();
			}
			assertThat(consumer.receive(200)).as("nothing left on " + queue).isNull();
		}
	}

}
