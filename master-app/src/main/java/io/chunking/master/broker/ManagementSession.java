package io.chunking.master.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.jspecify.annotations.Nullable;

/**
 * Artemis management requests over JMS, which work the same on the embedded broker and an external one (the user
 * needs the {@code manage} permission on {@value #MANAGEMENT_ADDRESS}). A session of its own with a temporary reply
 * queue, for one request after the other; closing it deletes the reply queue and closes the session and connection,
 * so nothing stays on the broker, also when the connection factory caches its connection (Spring Boot's default).
 */
public final class ManagementSession implements AutoCloseable {

	/** Address of the broker's management requests. */
	public static final String MANAGEMENT_ADDRESS = "activemq.management";

	private final Connection connection;

	private final Session session;

	private final TemporaryQueue replies;

	private final MessageProducer producer;

	private final MessageConsumer consumer;

	private ManagementSession(Connection connection, Session session) throws JMSException {
		this.connection = connection;
		this.session = session;
		this.replies = session.createTemporaryQueue();
		this.producer = session.createProducer(ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS));
		this.consumer = session.createConsumer(this.replies);
		connection.start();
	}

	/**
	 * @throws JMSException if the broker cannot be reached
	 */
	public static ManagementSession open(ConnectionFactory connectionFactory) throws JMSException {
		Connection connection = connectionFactory.createConnection();
		Session session = null;
		try {
			// A caching connection factory hands out a shared connection whose close() does nothing: the session is
			// closed on its own (into the factory's cache) so none piles up.
			session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
			return new ManagementSession(connection, session);
		}
		catch (JMSException | RuntimeException ex) {
			try {
				if (session != null) {
					session.close();
				}
			}
			finally {
				connection.close();
			}
			throw ex;
		}
	}

	/**
	 * Reads an attribute, such as {@code messageCount} of {@code ResourceNames.QUEUE + name}.
	 * @param deadline {@link System#nanoTime()} after which the answer is no longer awaited
	 * @return the broker's answer, or {@code null} if none came in time (a later answer would be taken for the next
	 * request's: stop using this session then)
	 */
	public @Nullable Reply attribute(String resource, String attribute, long deadline) throws JMSException {
		Message request = this.session.createMessage();
		JMSManagementHelper.putAttribute(request, resource, attribute);
		return send(request, deadline);
	}

	/**
	 * Invokes an operation, such as {@code removeMessages(filter)} of {@code ResourceNames.QUEUE + name}.
	 * @param deadline {@link System#nanoTime()} after which the answer is no longer awaited
	 * @return the broker's answer, or {@code null} if none came in time (stop using this session then)
	 */
	public @Nullable Reply invoke(String resource, String operation, long deadline, Object... parameters)
			throws JMSException {
		Message request = this.session.createMessage();
		try {
			JMSManagementHelper.putOperationInvocation(request, resource, operation, parameters);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Cannot pass " + java.util.Arrays.toString(parameters) + " to "
					+ operation + ": " + ex.getMessage(), ex);
		}
		return send(request, deadline);
	}

	private @Nullable Reply send(Message request, long deadline) throws JMSException {
		request.setJMSReplyTo(this.replies);
		this.producer.send(request);
		long waitMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
		Message reply = this.consumer.receive(waitMillis);
		if (reply == null) {
			return null;
		}
		try {
			return new Reply(JMSManagementHelper.hasOperationSucceeded(reply), JMSManagementHelper.getResult(reply));
		}
		catch (Exception ex) {
			return new Reply(false, "unreadable answer (" + ex.getMessage() + ")");
		}
	}

	@Override
	public void close() throws JMSException {
		try {
			// The reply queue can only be deleted once its consumer is closed.
			this.consumer.close();
			this.producer.close();
			this.replies.delete();
		}
		finally {
			try {
				this.session.close();
			}
			finally {
				this.connection.close();
			}
		}
	}

	/**
	 * The broker's answer to one request.
	 * @param succeeded whether the request succeeded
	 * @param result the attribute's value or the operation's result; the broker's error message if it failed
	 */
	public record Reply(boolean succeeded, @Nullable Object result) {

		/**
		 * @return the result as a number
		 * @throws BrokerManagementException with the broker's message if the request failed or the result is no
		 * number
		 */
		public long longValue(String what) {
			if (this.succeeded && this.result instanceof Number number) {
				return number.longValue();
			}
			throw failure(what);
		}

		/**
		 * @return the result as text
		 * @throws BrokerManagementException with the broker's message if the request failed or the result is no text
		 */
		public String text(String what) {
			if (this.succeeded && this.result instanceof String text) {
				return text;
			}
			throw failure(what);
		}

		private BrokerManagementException failure(String what) {
			return new BrokerManagementException("The broker could not " + what + ": "
					+ (this.succeeded ? "unexpected answer " + this.result : this.result));
		}

	}

}
