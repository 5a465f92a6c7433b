package io.chunking.master.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.jspecify.annotations.Nullable;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.util.Assert;

import io.chunking.protocol.DeadLetters;
import io.chunking.protocol.JmsMessages;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link DeadLetters#QUEUE dead-letter queue} on the broker, as the master shows and purges it: counts by request
 * queue and purges with Artemis management requests ({@link ManagementSession}), pages of letters with a JMS queue
 * browser, which consumes nothing and reads no body but a text.
 */
public class DeadLetterQueue {

	/** Reason shown for a message the broker moved, which carries none. */
	public static final String DELIVERY_ATTEMPTS_USED_UP = "Delivered the maximum number of times without being "
			+ "acknowledged (a worker failed or died on it each time); the broker moved it";

	private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
	};

	private final ConnectionFactory connectionFactory;

	private final Duration timeout;

	private final JmsTemplate jms;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param connectionFactory connections to the broker
	 * @param timeout longest wait for the broker's answers to one call
	 */
	public DeadLetterQueue(ConnectionFactory connectionFactory, Duration timeout) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
		this.jms = new JmsTemplate(connectionFactory);
	}

	/**
	 * The number of dead letters, in all and by the request queue they came from.
	 * @throws BrokerManagementException if the broker cannot be reached or does not have the queue
	 */
	public Counts counts() {
		long deadline = deadline();
		try (ManagementSession management = ManagementSession.open(this.connectionFactory)) {
			long total = answer(management.attribute(resource(), "messageCount", deadline)).longValue("count the "
					+ "messages on " + DeadLetters.QUEUE);
			String byQueue = answer(management.invoke(resource(), "countMessages", deadline,
					DeadLetters.ORIGINAL_QUEUE_PROPERTY + " IS NOT NULL", DeadLetters.ORIGINAL_QUEUE_PROPERTY))
				.text("count the messages on " + DeadLetters.QUEUE + " by request queue");
			return new Counts(total, this.json.readValue(byQueue, COUNTS));
		}
		catch (JMSException ex) {
			throw unreachable(ex);
		}
	}

	/**
	 * A page of the dead letters that came from {@code requestQueue}, oldest first.
	 * @param page the page, from 0
	 * @param size letters per page
	 * @throws BrokerManagementException if the broker cannot be reached
	 */
	public List<DeadLetter> page(String requestQueue, int page, int size) {
		Assert.isTrue(page >= 0, "page must not be negative");
		Assert.isTrue(size > 0, "size must be positive");
		try {
			return this.jms.browseSelected(DeadLetters.QUEUE, DeadLetters.selector(requestQueue),
					(session, browser) -> {
						List<DeadLetter> letters = new ArrayList<>();
						long skip = (long) page * size;
						Enumeration<?> messages = browser.getEnumeration();
						while (messages.hasMoreElements() && letters.size() < size) {
							Message message = (Message) messages.nextElement();
							if (skip > 0) {
								skip--;
							}
							else {
								letters.add(DeadLetter.of(message));
							}
						}
						return letters;
					});
		}
		catch (JmsException ex) {
			throw new BrokerManagementException("Could not browse " + DeadLetters.QUEUE + " on the broker: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Deletes the dead letters that came from {@code requestQueue}.
	 * @return how many were deleted
	 * @throws BrokerManagementException if the broker cannot be reached or does not have the queue
	 */
	public long purge(String requestQueue) {
		try (ManagementSession management = ManagementSession.open(this.connectionFactory)) {
			return answer(management.invoke(resource(), "removeMessages", deadline(),
					DeadLetters.selector(requestQueue)))
				.longValue("remove the dead letters of " + requestQueue + " from " + DeadLetters.QUEUE);
		}
		catch (JMSException ex) {
			throw unreachable(ex);
		}
	}

	private long deadline() {
		return System.nanoTime() + this.timeout.toNanos();
	}

	private static String resource() {
		return ResourceNames.QUEUE + DeadLetters.QUEUE;
	}

	private ManagementSession.Reply answer(ManagementSession.@Nullable Reply reply) {
		if (reply == null) {
			throw new BrokerManagementException("The broker did not answer a management request on "
					+ DeadLetters.QUEUE + " within " + this.timeout.toMillis() + " ms");
		}
		return reply;
	}

	private static BrokerManagementException unreachable(JMSException ex) {
		return new BrokerManagementException("Cannot reach the broker: " + ex.getMessage(), ex);
	}

	/**
	 * @param total messages on the dead-letter queue
	 * @param byRequestQueue messages by the request queue they came from; the broker counts at most its
	 * {@code management-browse-page-size} messages of the queue
	 */
	public record Counts(long total, Map<String, Long> byRequestQueue) {

		public Counts {
			byRequestQueue = Collections.unmodifiableMap(new LinkedHashMap<>(byRequestQueue));
		}

		/** Dead letters from {@code requestQueue}. */
		public long of(String requestQueue) {
			return this.byRequestQueue.getOrDefault(requestQueue, 0L);
		}

	}

	/**
	 * One dead letter as the API shows it.
	 * @param messageId its JMS message id, the same as when it was sent to the request queue
	 * @param timestamp when a worker parked it, or when it was sent for a message the broker moved
	 * @param type the kind of JMS message ({@link JmsMessages#type})
	 * @param reason why it is here
	 * @param excerpt the start of a text, the length of bytes, the names of a map's entries; {@code null} for other
	 * kinds: an object message's body is never read
	 */
	public record DeadLetter(@Nullable String messageId, @Nullable Instant timestamp, String type, String reason,
			@Nullable String excerpt) {

		static DeadLetter of(Message message) throws JMSException {
			String reason = message.getStringProperty(DeadLetters.REASON_PROPERTY);
			return new DeadLetter(message.getJMSMessageID(),
					(message.getJMSTimestamp() > 0) ? Instant.ofEpochMilli(message.getJMSTimestamp()) : null,
					JmsMessages.type(message), (reason != null) ? reason : DELIVERY_ATTEMPTS_USED_UP, excerpt(message));
		}

		private static @Nullable String excerpt(Message message) throws JMSException {
			if (message instanceof TextMessage text) {
				return (text.getText() != null) ? JmsMessages.excerpt(text.getText()) : null;
			}
			if (message instanceof BytesMessage bytes) {
				return bytes.getBodyLength() + " bytes";
			}
			if (message instanceof MapMessage map) {
				List<String> names = new ArrayList<>();
				Collections.list(map.getMapNames()).forEach((name) -> names.add(String.valueOf(name)));
				return JmsMessages.excerpt("entries " + String.join(", ", names));
			}
			return null;
		}

	}

}
