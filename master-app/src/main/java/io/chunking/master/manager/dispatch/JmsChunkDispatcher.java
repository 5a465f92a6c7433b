package io.chunking.master.manager.dispatch;

import io.chunking.protocol.ChunkQueues;
import io.chunking.protocol.ChunkRequest;
import io.chunking.protocol.ChunkRequestCodec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.JmsUtils;

/**
 * {@link ChunkDispatcher} that sends JSON text messages, persistent, to the queue of each request's job. A batch is
 * sent in one local JMS transaction: the broker makes it durable with one journal sync instead of one per message,
 * and a batch is either all queued or not at all. How many requests wait in a queue is asked of a function the
 * application gives (the broker's management API), if any.
 */
public class JmsChunkDispatcher implements ChunkDispatcher {

	private final JmsTemplate jms;

	private final ChunkQueues queues;

	private final ChunkRequestCodec codec = new ChunkRequestCodec();

	private final Function<String, OptionalLong> queueDepth;

	public JmsChunkDispatcher(JmsTemplate jms, ChunkQueues queues) {
		this(jms, queues, (queue) -> OptionalLong.empty());
	}

	/**
	 * @param queueDepth the number of messages in a queue, given its name, or empty if the broker cannot tell
	 */
	public JmsChunkDispatcher(JmsTemplate jms, ChunkQueues queues, Function<String, OptionalLong> queueDepth) {
		this.jms = jms;
		this.queues = queues;
		this.queueDepth = queueDepth;
	}

	@Override
	public OptionalLong queued(String jobName) {
		return this.queueDepth.apply(this.queues.queueFor(jobName));
	}

	@Override
	public void dispatch(List<ChunkRequest> requests) {
		if (requests.isEmpty()) {
			return;
		}
		try {
			send(requests);
		}
		catch (JmsException ex) {
			throw new ChunkDispatchException("Could not send " + requests.size() + " chunk requests of '"
					+ requests.get(0).jobName() + "' to the broker: " + ex.getMessage(), ex);
		}
	}

	private void send(List<ChunkRequest> requests) {
		this.jms.execute((Session session) -> {
			Map<String, MessageProducer> producers = new LinkedHashMap<>();
			try {
				for (ChunkRequest request : requests) {
					MessageProducer producer = producers.computeIfAbsent(this.queues.queueFor(request.jobName()),
							(name) -> producer(session, name));
					producer.send(session.createTextMessage(this.codec.encode(request)));
				}
				JmsUtils.commitIfNecessary(session);
			}
			catch (RuntimeException | jakarta.jms.JMSException ex) {
				JmsUtils.rollbackIfNecessary(session);
				throw ex;
			}
			finally {
				producers.values().forEach(JmsUtils::closeMessageProducer);
			}
			return null;
		}, false);
	}

	private static MessageProducer producer(Session session, String queueName) {
		try {
			Queue queue = session.createQueue(queueName);
			MessageProducer producer = session.createProducer(queue);
			producer.setDeliveryMode(jakarta.jms.DeliveryMode.PERSISTENT);
			return producer;
		}
		catch (jakarta.jms.JMSException ex) {
			throw JmsUtils.convertJmsAccessException(ex);
		}
	}

}
