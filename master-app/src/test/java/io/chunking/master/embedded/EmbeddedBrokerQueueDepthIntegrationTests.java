package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

import io.chunking.master.metrics.QueueDepthProbe;

/**
 * The master's queue depth gauge against the embedded broker, over TCP with the broker's one user: the broker
 * answers management requests of that user, and readings leave nothing behind on it.
 */
class EmbeddedBrokerQueueDepthIntegrationTests {

	private static final String QUEUE = "chunking.requests.demo";

	@TempDir
	Path dataDir;

	private EmbeddedArtemisServer broker;

	private CachingConnectionFactory connectionFactory;

	@BeforeEach
	void startBroker() throws Exception {
		EmbeddedProperties properties = LocalBroker.properties(this.dataDir);
		this.broker = new EmbeddedArtemisServer(properties);
		// Spring Boot's default: one shared connection, cached sessions.
		this.connectionFactory = new CachingConnectionFactory(LocalBroker.client(properties));
	}

	@AfterEach
	void stopBroker() throws Exception {
		this.connectionFactory.destroy();
		this.broker.close();
	}

	@Test
	void countsTheMessagesWaitingInEachQueueAndMinusOneForAnUnknownQueue() throws Exception {
		JmsTemplate jms = new JmsTemplate(this.connectionFactory);
		for (int i = 0; i < 3; i++) {
			jms.convertAndSend(QUEUE, "request " + i);
		}
		QueueDepthProbe probe = new QueueDepthProbe(this.connectionFactory, Duration.ofSeconds(5));

		assertThat(probe.messageCounts(List.of(QUEUE, "chunking.requests.never-used")))
			.containsExactly(entry(QUEUE, 3L), entry("chunking.requests.never-used", QueueDepthProbe.UNKNOWN));
	}

	@Test
	void readingsLeaveNoSessionOrTemporaryQueueOnTheBroker() throws Exception {
		new JmsTemplate(this.connectionFactory).convertAndSend(QUEUE, "request");
		QueueDepthProbe probe = new QueueDepthProbe(this.connectionFactory, Duration.ofSeconds(5));
		probe.messageCounts(List.of(QUEUE));
		long sessions = brokerAttribute("sessionCount");
		long queues = brokerAttribute("queueCount");

		for (int i = 0; i < 10; i++) {
			assertThat(probe.messageCounts(List.of(QUEUE))).containsEntry(QUEUE, 1L);
		}

		assertThat(brokerAttribute("sessionCount")).as("sessions on the broker").isEqualTo(sessions);
		assertThat(brokerAttribute("queueCount")).as("queues on the broker").isEqualTo(queues);
	}

	/** An attribute of the broker, read with a connection of its own (not counted by the caching factory). */
	private long brokerAttribute(String attribute) throws Exception {
		ActiveMQConnectionFactory direct = (ActiveMQConnectionFactory) this.connectionFactory.getTargetConnectionFactory();
		try (Connection connection = direct.createConnection();
				Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
			TemporaryQueue replies = session.createTemporaryQueue();
			MessageConsumer consumer = session.createConsumer(replies);
			connection.start();
			Message request = session.createMessage();
			JMSManagementHelper.putAttribute(request, ResourceNames.BROKER, attribute);
			request.setJMSReplyTo(replies);
			session.createProducer(ActiveMQJMSClient.createQueue("activemq.management")).send(request);
			Message reply = consumer.receive(5000);
			assertThat(reply).as("answer to " + attribute).isNotNull();
			// This connection's own session and reply queue are counted too, the same each time.
			return ((Number) JMSManagementHelper.getResult(reply)).longValue();
		}
	}

}
