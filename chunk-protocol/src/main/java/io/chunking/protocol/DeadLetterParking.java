package io.chunking.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.JmsUtils;

/**
 * Moves a message a worker cannot take as a chunk request to the {@link DeadLetters#QUEUE dead-letter queue}, at
 * its first delivery, with one WARN line and no stack trace.
 * <p>
 * The message itself is sent again, body untouched (an object message's bytes are copied, never deserialized), with
 * its JMS message id, its properties, the request queue it came from and the reason added. The send is persistent and
 * returns once the broker has the message; the caller acknowledges the original afterwards. A worker that dies in
 * between gets the original again and parks it again: the copy carries a duplicate detection id derived from the
 * message id, so the broker keeps one. Called from a listener of Spring's message listener containers, the send uses
 * the listener's own session.
 */
public final class DeadLetterParking {

	private static final Log logger = LogFactory.getLog(DeadLetterParking.class);

	private final JmsTemplate jms;

	public DeadLetterParking(ConnectionFactory connectionFactory) {
		JmsTemplate jms = new JmsTemplate(connectionFactory);
		jms.setExplicitQosEnabled(true);
		jms.setDeliveryPersistent(true);
		// The parked message keeps the id of the original: the id the WARN line and the dead-letter listing show.
		jms.setMessageIdEnabled(false);
		this.jms = jms;
	}

	/**
	 * Parks {@code message} on the dead-letter queue and logs it.
	 * @param message the message as received
	 * @param requestQueue the queue it came from
	 * @param reason what is wrong with it, one line
	 * @throws org.springframework.jms.JmsException if the broker did not take the message: the caller must not
	 * acknowledge the original then
	 */
	public void park(Message message, String requestQueue, String reason) {
		String id = messageId(message);
		this.jms.send(DeadLetters.QUEUE, (session) -> prepare(message, requestQueue, reason));
		logger.warn("Rejected message " + id + " from " + requestQueue + " and moved it to " + DeadLetters.QUEUE
				+ ": " + reason);
	}

	private static Message prepare(Message message, String requestQueue, String reason) throws JMSException {
		// A received message's properties are read-only until cleared: keep those that can be set again.
		Map<String, Object> properties = new LinkedHashMap<>();
		for (Object name : Collections.list(message.getPropertyNames())) {
			// JMSX properties (delivery count, user id) belong to the provider.
			if (!((String) name).startsWith("JMSX")) {
				properties.put((String) name, message.getObjectProperty((String) name));
			}
		}
		message.clearProperties();
		properties.forEach((name, value) -> restore(message, name, value));
		message.setStringProperty(DeadLetters.ORIGINAL_QUEUE_PROPERTY, requestQueue);
		message.setStringProperty(DeadLetters.REASON_PROPERTY, reason);
		if (message.getJMSMessageID() != null) {
			message.setStringProperty(DeadLetters.DUPLICATE_ID_PROPERTY,
					"chunking.dead-letter:" + message.getJMSMessageID());
		}
		return message;
	}

	/**
	 * Sets a property again; one JMS does not accept (a name that is no Java identifier, set over another protocol)
	 * is left out.
	 */
	private static void restore(Message message, String name, Object value) {
		try {
			message.setObjectProperty(name, value);
		}
		catch (JMSException | RuntimeException ex) {
			logger.debug("Left out property '" + JmsMessages.excerpt(name) + "' of a parked message: " + ex.getMessage());
		}
	}

	private static String messageId(Message message) {
		try {
			String id = message.getJMSMessageID();
			return (id != null) ? JmsMessages.excerpt(id) : "(without id)";
		}
		catch (JMSException ex) {
			throw JmsUtils.convertJmsAccessException(ex);
		}
	}

}
