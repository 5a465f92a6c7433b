package io.chunking.store.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a master or a worker meets a store (MongoDB, S3, the broker, the job repository's database) that does not
 * answer when it starts.
 */
@ConfigurationProperties("chunking.startup")
public class StartupProperties {

	/**
	 * How long the start waits for a store that cannot be reached, trying again every retry-interval and logging
	 * each failure. 0 (the default): the first failure ends the start with a message naming the store and its URL.
	 */
	private Duration wait = Duration.ZERO;

	/** Pause between two tries while the start waits for a store. */
	private Duration retryInterval = Duration.ofSeconds(2);

	public Duration getWait() {
		return this.wait;
	}

	public void setWait(Duration wait) {
		this.wait = wait;
	}

	public Duration getRetryInterval() {
		return this.retryInterval;
	}

	public void setRetryInterval(Duration retryInterval) {
		this.retryInterval = retryInterval;
	}

}
