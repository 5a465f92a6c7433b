package io.chunking.master.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.apache.activemq.artemis.api.core.management.ResourceNames;

import io.chunking.master.broker.ManagementSession;

/**
 * Reads how many messages wait in queues with Artemis management requests over JMS ({@link ManagementSession}),
 * one session for all queues of a reading.
 */
public class QueueDepthProbe {

	/** Count of a queue the broker does not know or did not report in time. */
	public static final long UNKNOWN = -1;

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
		try (ManagementSession management = ManagementSession.open(this.connectionFactory)) {
			for (String queue : queues) {
				ManagementSession.Reply reply = management.attribute(ResourceNames.QUEUE + queue, "messageCount",
						deadline);
				if (reply == null) {
					// Later answers would be taken for the next queue's: the remaining ones stay unknown.
					break;
				}
				if (reply.succeeded() && reply.result() instanceof Number count) {
					counts.put(queue, count.longValue());
				}
			}
		}
		return counts;
	}

}
