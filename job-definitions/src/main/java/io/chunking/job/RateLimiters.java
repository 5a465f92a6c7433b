package io.chunking.job;

/**
 * The shared rate limiters of a deployment, a bean in the master and worker applications: inject it where a
 * processor or writer must hold to a rate that every worker process shares, e.g. at most 50 calls per second to one
 * host. For one permit per item, declare the limit on the job instead ({@link ChunkedJob.Builder#rateLimit}).
 * <p>
 * The applications' implementation keeps each limit's schedule in the chunk store's MongoDB and times permits with
 * each process's own clock: the hosts must keep their clocks synchronised (NTP).
 */
public interface RateLimiters {

	/**
	 * The limiter of a limit; limiters of limits with the same name share their permits, in this process and in
	 * every other.
	 * @throws IllegalArgumentException if a limit of that name with another rate is already in use in this process
	 */
	RateLimiter limiter(RateLimit limit);

}
