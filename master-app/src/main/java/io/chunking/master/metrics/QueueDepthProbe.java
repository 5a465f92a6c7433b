package io.chunking.master.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Reads how many messages wait in queues with Artemis management requests over JMS, which works the same on the
 * embedded broker and an external one (the user needs the {@code manage} permission on
 * {@code activemq.management}).
 * <p>
 * Each reading opens one session with a temporary reply queue and closes both, so nothing stays on the broker
 * between readings, also when the connection factory caches its connection (Spring Boot's default).
 */
public class QueueDepthProbe {

	/** Count of a queue the broker does not know or did not report in time. */
	public static final long UNKNOWN = -1;

	private static final String MANAGEMENT_ADDRESS = "activemq.management";

	private final ConnectionFactory connectionFactory;

	private final Duration timeout;

	/**
	 * @param connectionFactory connections to the broker
	 * @param timeout longest wait for the broker's answers of one reading, all queues together
	 */
	public QueueDepthProbe(ConnectionFactory connectionFactory, Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
	}

	/**
	 * @return the message count of each queue, in the given order; {@link #UNKNOWN} for a queue the broker does not
	 * know (no message was ever sent to it) and for every queue not answered within the timeout
	 * @throws JMSException if the broker cannot be reached
	 */
	public Map<String, Long> messageCounts(Collection<String> queues) throws JMSException {
		Map<String, Long> counts = new LinkedHashMap<>();
		queues.forEach((queue) -> counts.put(queue, UNKNOWN));
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try (Connection connection = this.connectionFactory.createConnection();
				Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
			TemporaryQueue replies = session.createTemporaryQueue();
			try (MessageProducer producer = session.createProducer(ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS));
					MessageConsumer consumer = session.createConsumer(replies)) {
				connection.start();
				for (String queue : queues) {
					Message request = session.createMessage();
					JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
					request.setJMSReplyTo(replies);
					producer.send(request);
					long waitMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
					Message reply = consumer.receive(waitMillis);
					if (reply == null) {
						// Later answers would be taken for the next queue's: the remaining ones stay unknown.
						break;
					}
					counts.put(queue, count(reply));
				}
			}
			finally {
				replies.delete();
			}
		}
		return counts;
	}

	private static long count(Message reply) throws JMSException {
		if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
			return UNKNOWN;
		}
		try {
			return (JMSManagementHelper.getResult(reply) instanceof Number number) ? number.longValue() : UNKNOWN;
		}
		catch (Exception ex) {
			return UNKNOWN;
		}
	}

}
