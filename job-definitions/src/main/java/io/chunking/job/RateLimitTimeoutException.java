package io.chunking.job;

/** A permit of a {@link RateLimit} could not be had within its maximum wait. */
public class RateLimitTimeoutException extends RuntimeException {

	private final transient RateLimit limit;

	public RateLimitTimeoutException(RateLimit limit) {
		super("No permit of rate limit " + limit + " within " + limit.maxWait());
		this.limit = limit;
	}

	/** The limit that had no permit in time. */
	public RateLimit getLimit() {
		return this.limit;
	}

}
