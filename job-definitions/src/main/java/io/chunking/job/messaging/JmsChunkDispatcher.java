package io.chunking.job.messaging;

import java.util.List;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * {@link ChunkDispatcher} that sends JSON text messages through a Spring Integration channel whose flow ends in a
 * JMS outbound adapter ({@code spring-integration-jms}). The queue is chosen per message from the
 * {@link #QUEUE_HEADER} header.
 */
public class JmsChunkDispatcher implements ChunkDispatcher {

	/** Message header naming the destination queue. */
	public static final String QUEUE_HEADER = "chunking_queue";

	private final MessagingTemplate messaging = new MessagingTemplate();

	private final MessageChannel requests;

	private final ChunkQueues queues;

	private final ChunkRequestCodec codec = new ChunkRequestCodec();

	public JmsChunkDispatcher(MessageChannel requests, ChunkQueues queues) {
		this.requests = requests;
		this.queues = queues;
	}

	@Override
	public void dispatch(List<ChunkRequest> requests) {
		for (ChunkRequest request : requests) {
			this.messaging.send(this.requests, MessageBuilder.withPayload(this.codec.encode(request))
				.setHeader(QUEUE_HEADER, this.queues.queueFor(request.jobName()))
				.build());
		}
	}

}
