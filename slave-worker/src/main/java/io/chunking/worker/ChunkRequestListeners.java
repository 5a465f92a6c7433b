package io.chunking.worker;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.DependsOn;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Component;

import io.chunking.protocol.MessagingProperties;
import io.chunking.protocol.ChunkQueues;
import io.chunking.protocol.ChunkRequest;
import io.chunking.protocol.ChunkRequestReader;
import io.chunking.protocol.DeadLetterParking;
import io.chunking.protocol.InvalidChunkRequestException;
import io.chunking.worker.chunk.ChunkWorker;

/**
 * One JMS message-driven channel adapter per job the worker serves, each on its job's queue, feeding the chunk
 * worker. A request is acknowledged only after the worker recorded its outcome in the ledger (client
 * acknowledgement after the listener returns), so a worker that dies mid-chunk leaves its request to be
 * redelivered. Acknowledgements are not synced to the broker's journal one by one: a request redelivered after a
 * lost acknowledgement finds its chunk no longer pending in the ledger and is ignored.
 * <p>
 * The adapters hand over the JMS message as received, with no message converter: a message that is not a chunk
 * request of this worker's version for the queue's job (an object, bytes or map message, text that is not such a
 * request) is moved to the dead-letter queue at its first delivery ({@link DeadLetterParking}) and acknowledged, and
 * its body is never converted.
 */
@Component
@DependsOn("brokerStartupCheck")
class ChunkRequestListeners implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ChunkRequestListeners.class);

	private final IntegrationFlowContext flows;

	private final jakarta.jms.ConnectionFactory connectionFactory;

	private final ChunkWorker worker;

	private final ChunkQueues queues;

	private final WorkerProperties properties;

	private final ChunkRequestReader reader = new ChunkRequestReader();

	private final DeadLetterParking deadLetters;

	ChunkRequestListeners(IntegrationFlowContext flows, jakarta.jms.ConnectionFactory connectionFactory,
			ChunkWorker worker, MessagingProperties messaging, WorkerProperties properties) {
		this.flows = flows;
		this.connectionFactory = connectionFactory;
		this.worker = worker;
		this.queues = new ChunkQueues(messaging.getQueuePrefix());
		this.properties = properties;
		this.deadLetters = new DeadLetterParking(connectionFactory);
	}

	/** Stops taking chunk requests; a request being processed is finished by its listener thread. */
	void stopListening() {
		for (String jobName : this.worker.getJobNames()) {
			IntegrationFlowContext.IntegrationFlowRegistration registration = this.flows
				.getRegistrationById(flowId(jobName));
			if (registration != null) {
				registration.stop();
			}
		}
	}

	/** Takes chunk requests again after {@link #stopListening()}. */
	void startListening() {
		for (String jobName : this.worker.getJobNames()) {
			IntegrationFlowContext.IntegrationFlowRegistration registration = this.flows
				.getRegistrationById(flowId(jobName));
			if (registration != null) {
				registration.start();
			}
		}
	}

	private static String flowId(String jobName) {
		return "chunkRequests." + jobName;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String jobName : this.worker.getJobNames()) {
			String queue = this.queues.queueFor(jobName);
			IntegrationFlow flow = IntegrationFlow
				.from(Jms.messageDrivenChannelAdapter(this.connectionFactory)
					.destination(queue)
					// The payload is the JMS message itself: no converter reads (or deserializes) a body first.
					.extractPayload(false)
					// Stopping must not shut the container down: a shutdown interrupts the chunk in hand after one
					// receive timeout, while draining lets it finish within the shutdown grace period.
					.shutdownContainerOnStop(false)
					.configureListenerContainer((container) -> container.sessionTransacted(false)
						.sessionAcknowledgeMode(jakarta.jms.Session.CLIENT_ACKNOWLEDGE)
						.concurrentConsumers(this.properties.getConcurrency())
						.maxConcurrentConsumers(this.properties.getConcurrency())
						.receiveTimeout(1000)))
				.handle(jakarta.jms.Message.class, (message, headers) -> {
					handle(message, jobName, queue);
					return null;
				})
				.get();
			this.flows.registration(flow).id(flowId(jobName)).register();
			logger.info("Listening for chunk requests of '" + jobName + "' on queue " + queue);
		}
	}

	/**
	 * Runs the request's chunk, or parks the message if it is none; returning acknowledges the message. A failure
	 * leaves the request unacknowledged: the broker delivers it again (or dead-letters it after its delivery
	 * attempts, and the master sends it again later).
	 */
	private void handle(jakarta.jms.Message message, String jobName, String queue) {
		ChunkRequest request;
		try {
			request = this.reader.read(message, jobName);
		}
		catch (InvalidChunkRequestException ex) {
			this.deadLetters.park(message, queue, ex.getMessage());
			return;
		}
		catch (jakarta.jms.JMSException ex) {
			throw JmsUtils.convertJmsAccessException(ex);
		}
		try {
			this.worker.handle(request);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while handling a chunk request; it will be delivered again",
					ex);
		}
	}

}
