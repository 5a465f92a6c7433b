package io.chunking.master.trigger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.jms.listener.SessionAwareMessageListener;

import io.chunking.job.InvalidJobArgumentsException;
import io.chunking.master.batch.ExecutionLauncher;
import io.chunking.master.batch.NoSuchChunkedJobException;
import io.chunking.protocol.JmsMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the job a trigger message names, once per idempotency key, in the transacted session of a message listener
 * container: everything it sends (the reply, the rejected message) is committed together with the acknowledgement,
 * once it returns.
 * <ul>
 * <li>The execution is launched with {@link ExecutionLauncher#launchOnce}, its run id derived from the key
 * ({@link TriggerLauncher}): a redelivered message, the same trigger sent twice or taken by two masters finds the
 * execution started the first time ({@code duplicate}) instead of starting another.</li>
 * <li>A message that can never start a job ({@link InvalidTriggerException}: no JSON text, a field missing, an
 * unknown job, an invalid parameter, a key that started the job with other parameters) is moved to the rejection queue with the error code in
 * {@value #ERROR_PROPERTY} and what is wrong in {@value #REASON_PROPERTY}, and acknowledged.</li>
 * <li>Any other failure (the job repository away, the master shutting down, another master launching the same
 * trigger) throws: the session rolls back and the broker delivers the message again after its redelivery delay.</li>
 * </ul>
 * With a {@code JMSReplyTo}, the listener answers in JSON, correlated by the request's correlation id, or its message
 * id if it has none: {@code {"executionId": 12, "started": true, "idempotencyKey": "..."}} or
 * {@code {"error": "unknown_job", "message": "..."}}.
 */
class TriggerListener implements SessionAwareMessageListener<Message> {

	/** String property of a rejected trigger: the error code, as the REST API would give it. */
	public static final String ERROR_PROPERTY = "chunkingTriggerError";

	/** String property of a rejected trigger: what is wrong and where, one message. */
	public static final String REASON_PROPERTY = "chunkingTriggerReason";

	/** Name of the counter of trigger messages, tagged {@code outcome}. */
	public static final String METRIC = "chunking.triggers";

	/** Longest reason logged, in characters. */
	private static final int LOGGED_REASON_LENGTH = 1000;

	private static final Log logger = LogFactory.getLog(TriggerListener.class);

	private final TriggerLauncher launcher;

	private final String queue;

	private final String rejectedQueue;

	private final TriggerRequestReader reader = new TriggerRequestReader();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Counter> outcomes = new LinkedHashMap<>();

	TriggerListener(TriggerLauncher launcher, String queue, MeterRegistry registry) {
		this.launcher = launcher;
		this.queue = queue;
		this.rejectedQueue = queue + TriggerProperties.REJECTED_SUFFIX;
		for (String outcome : new String[] { "started", "duplicate", "rejected" }) {
			this.outcomes.put(outcome, Counter.builder(METRIC)
				.description("Trigger messages: those that started an execution, those whose key had started one "
						+ "before, those rejected")
				.tag("outcome", outcome)
				.register(registry));
		}
	}

	@Override
	public void onMessage(Message message, Session session) throws JMSException {
		String id = JmsMessages.excerpt(String.valueOf(message.getJMSMessageID()));
		TriggerRequest request;
		ExecutionLauncher.Launch launch;
		try {
			request = this.reader.read(message);
			launch = launch(request, id);
		}
		catch (InvalidTriggerException ex) {
			reject(message, session, ex, id);
			return;
		}
		String key = request.idempotencyKey();
		if (launch.started()) {
			logger.info("Trigger " + id + " with key '" + key + "' started execution " + launch.executionId() + " of "
					+ request.job());
		}
		else {
			logger.info("Trigger " + id + " with key '" + key + "' had started execution " + launch.executionId()
					+ " of " + request.job() + " before; nothing started");
		}
		this.outcomes.get(launch.started() ? "started" : "duplicate").increment();
		reply(message, session, new Started(launch.executionId(), launch.started(), key), id);
	}

	private ExecutionLauncher.Launch launch(TriggerRequest request, String id) {
		try {
			return this.launcher.launch(request);
		}
		catch (NoSuchChunkedJobException ex) {
			throw new InvalidTriggerException(InvalidTriggerException.UNKNOWN_JOB, ex.getMessage());
		}
		catch (InvalidJobArgumentsException ex) {
			throw new InvalidTriggerException(InvalidTriggerException.INVALID_PARAMETER, ex.getMessage());
		}
		catch (InvalidTriggerException ex) {
			throw ex;
		}
		catch (Exception ex) {
			logger.warn("Trigger " + id + " with key '" + request.idempotencyKey() + "' could not start "
					+ request.job() + " now: " + JmsMessages.excerpt(String.valueOf(ex.getMessage()), LOGGED_REASON_LENGTH)
					+ "; rolled back, the broker delivers it again after its redelivery delay");
			throw new TriggerNotRecordedException(ex);
		}
	}

	/** Moves the message to the rejection queue and answers the error, both committed with the acknowledgement. */
	private void reject(Message message, Session session, InvalidTriggerException ex, String id) throws JMSException {
		Message rejected = copy(message, session);
		rejected.setStringProperty(ERROR_PROPERTY, ex.getError());
		rejected.setStringProperty(REASON_PROPERTY, ex.getMessage());
		MessageProducer producer = session.createProducer(session.createQueue(this.rejectedQueue));
		try {
			producer.send(rejected);
		}
		finally {
			producer.close();
		}
		logger.warn("Rejected trigger " + id + " from " + this.queue + " and moved it to " + this.rejectedQueue + ": "
				+ ex.getError() + ": " + JmsMessages.excerpt(ex.getMessage(), LOGGED_REASON_LENGTH));
		this.outcomes.get("rejected").increment();
		reply(message, session, new Failed(ex.getError(), ex.getMessage()), id);
	}

	/**
	 * A new message with the text (a message of another kind: no body, it is never read), the correlation id and
	 * the properties of {@code message}, except the provider's JMSX ones.
	 */
	private static Message copy(Message message, Session session) throws JMSException {
		Message copy = (message instanceof TextMessage text) ? session.createTextMessage(text.getText())
				: session.createMessage();
		copy.setJMSCorrelationID(message.getJMSCorrelationID());
		for (Object name : Collections.list(message.getPropertyNames())) {
			if (!((String) name).startsWith("JMSX")) {
				try {
					copy.setObjectProperty((String) name, message.getObjectProperty((String) name));
				}
				catch (JMSException | RuntimeException ex) {
					logger.debug("Left out property '" + JmsMessages.excerpt((String) name) + "' of a rejected trigger: "
							+ ex.getMessage());
				}
			}
		}
		return copy;
	}

	/**
	 * Answers on the message's {@code JMSReplyTo}, if it has one. A reply that cannot be sent (the caller's
	 * temporary queue is gone) is logged and dropped: the trigger itself stands.
	 */
	private void reply(Message message, Session session, Object body, String id) {
		try {
			Destination replyTo = message.getJMSReplyTo();
			if (replyTo == null) {
				return;
			}
			TextMessage reply = session.createTextMessage(this.json.writeValueAsString(body));
			String correlationId = message.getJMSCorrelationID();
			reply.setJMSCorrelationID((correlationId != null) ? correlationId : message.getJMSMessageID());
			MessageProducer producer = session.createProducer(replyTo);
			try {
				producer.send(reply);
			}
			finally {
				producer.close();
			}
		}
		catch (JMSException | RuntimeException ex) {
			logger.warn("Could not answer trigger " + id + " on its reply destination: " + ex.getMessage());
		}
	}

	/** The reply to a trigger that started an execution, or whose key had started one before. */
	record Started(long executionId, boolean started, String idempotencyKey) {
	}

	/** The reply to a rejected trigger, as the REST API's error body. */
	record Failed(String error, String message) {
	}

	/** The trigger could not be recorded now; the message is rolled back and delivered again. */
	static class TriggerNotRecordedException extends RuntimeException {

		TriggerNotRecordedException(@Nullable Throwable cause) {
			super("The trigger could not be recorded now; it is delivered again", cause);
		}

	}

}
