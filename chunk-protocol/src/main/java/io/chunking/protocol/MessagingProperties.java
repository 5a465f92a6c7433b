package io.chunking.protocol;

import org.springframework.boot.context.properties.ConfigurationProperties;


/**
 * Messaging settings shared by the master and the workers; both must agree on them.
 */
@ConfigurationProperties("chunking.messaging")
public class MessagingProperties {

	/** Prefix of the chunk request queues; the queue of a job is the prefix followed by the job name. */
	private String queuePrefix = ChunkQueues.DEFAULT_PREFIX;

	public String getQueuePrefix() {
		return this.queuePrefix;
	}

	public void setQueuePrefix(String queuePrefix) {
		this.queuePrefix = queuePrefix;
	}

}
