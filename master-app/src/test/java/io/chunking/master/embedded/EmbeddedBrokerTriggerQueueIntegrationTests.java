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

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chunking.master.metrics.QueueDepthProbe;

/**
 * The trigger queue of the embedded broker, over TCP with the broker's one user: a trigger the master rolled back
 * is delivered again only after the trigger queue's redelivery delay, and the rejection queue exists from the start.
 */
class EmbeddedBrokerTriggerQueueIntegrationTests {

	private static final String QUEUE = "orders.triggers";

	@TempDir
	Path dataDir;

	@Test
	void aRolledBackTriggerIsDeliveredAgainAfterTheRedeliveryDelayAndTheRejectionQueueExists() throws Exception {
		EmbeddedProperties properties = LocalBroker.properties(this.dataDir);
		try (EmbeddedArtemisServer broker = new EmbeddedArtemisServer(properties, QUEUE);
				ActiveMQConnectionFactory clients = LocalBroker.client(properties);
				Connection connection = clients.createConnection()) {
			Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
			session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage("{}"));
			session.commit();
			MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
			connection.start();
			assertThat(consumer.receive(5000)).isNotNull();
			session.rollback();
			long rolledBack = System.nanoTime();

			Message again = consumer.receive(15_000);
			Duration waited = Duration.ofNanos(System.nanoTime() - rolledBack);
			assertThat(again).as("delivered again").isNotNull();
			assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
			assertThat(waited).isGreaterThanOrEqualTo(
					Duration.ofMillis(EmbeddedArtemisServer.TRIGGER_REDELIVERY_DELAY).minusMillis(200));
			session.commit();
			QueueDepthProbe probe = new QueueDepthProbe(clients, Duration.ofSeconds(5));
			assertThat(probe.messageCounts(List.of(QUEUE + ".rejected", "never.used")))
				.as("the rejection queue exists (a queue the broker does not know counts -1)")
				.containsExactly(entry(QUEUE + ".rejected", 0L), entry("never.used", QueueDepthProbe.UNKNOWN));
		}
	}

}
