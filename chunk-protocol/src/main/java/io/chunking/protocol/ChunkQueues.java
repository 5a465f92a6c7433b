package io.chunking.protocol;

import org.springframework.util.Assert;

/**
 * Names of the JMS queues: one per job name, so that a worker consumes only requests of the jobs it has.
 */
public final class ChunkQueues {

	/** Default prefix of the queue names. */
	public static final String DEFAULT_PREFIX = "chunking.requests.";

	private final String prefix;

	public ChunkQueues(String prefix) {
		Assert.hasText(prefix, "prefix must not be empty");
		this.prefix = prefix;
	}

	public String queueFor(String jobName) {
		return this.prefix + jobName;
	}

}
