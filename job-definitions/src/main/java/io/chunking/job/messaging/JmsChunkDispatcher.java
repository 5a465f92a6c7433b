package io.chunking.job.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.JmsUtils;

/**
 * {@link ChunkDispatcher} that sends JSON text messages, persistent, to the queue of each request's job. A batch is
 * sent in one local JMS transaction: the broker makes it durable with one journal sync instead of one per message,
 * and a batch is either all queued or not at all.
 */
public class JmsChunkDispatcher implements ChunkDispatcher {

	private final JmsTemplate jms;

	private final ChunkQueues queues;

	private final ChunkRequestCodec codec = new ChunkRequestCodec();

	public JmsChunkDispatcher(JmsTemplate jms, ChunkQueues queues) {
		this.jms = jms;
		this.queues = queues;
	}

	@Override
	public void dispatch(List<ChunkRequest> requests) {
		if (requests.isEmpty()) {
			return;
		}
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
