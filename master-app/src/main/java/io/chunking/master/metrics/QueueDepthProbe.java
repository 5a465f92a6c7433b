package io.chunking.master.metrics;

import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Reads how many messages wait in a queue with an Artemis management request over JMS, which works the same on
 * the embedded broker and an external one (the user needs the {@code manage} permission on
 * {@code activemq.management}).
 */
class QueueDepthProbe {

	private static final String MANAGEMENT_ADDRESS = "activemq.management";

	private final ConnectionFactory connectionFactory;

	private final Duration timeout;

	QueueDepthProbe(ConnectionFactory connectionFactory, Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
	}

	/**
	 * @return the message count of the queue, or -1 if the broker did not answer within the timeout or does not
	 * know the queue (no chunk request was ever sent to it)
	 */
	long messageCount(String queue) throws Exception {
		try (Connection connection = this.connectionFactory.createConnection()) {
			Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
			Queue management = ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS);
			TemporaryQueue replies = session.createTemporaryQueue();
			MessageConsumer consumer = session.createConsumer(replies);
			connection.start();
			Message request = session.createMessage();
			JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
			request.setJMSReplyTo(replies);
			MessageProducer producer = session.createProducer(management);
			producer.send(request);
			Message reply = consumer.receive(this.timeout.toMillis());
			if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
				return -1;
			}
			Object count = JMSManagementHelper.getResult(reply);
			return (count instanceof Number number) ? number.longValue() : -1;
		}
	}

}
