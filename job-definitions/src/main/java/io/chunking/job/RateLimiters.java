package io.chunking.job;

/**
 * The shared rate limiters of a deployment, a bean in the master and worker applications: inject it where a
 * processor or writer must hold to a rate that every worker process shares, e.g. at most 50 calls per second to one
 * host. For one permit per item, declare the limit on the job instead ({@link ChunkedJob.Builder#rateLimit}).
 */
public interface RateLimiters {

	/**
	 * The limiter of a limit; limiters of limits with the same name share their permits, in this process and in
	 * every other.
	 * @throws IllegalArgumentException if a limit of that name with another rate is already in use in this process
	 */
	RateLimiter limiter(RateLimit limit);

}
