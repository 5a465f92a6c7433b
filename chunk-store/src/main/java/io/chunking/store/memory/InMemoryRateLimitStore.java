package io.chunking.store.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.chunking.store.ratelimit.RateLimitStore;

/**
 * {@link RateLimitStore} held in memory: the limits hold across the threads of one process only. For fast tests of
 * jobs with rate limits.
 */
public class InMemoryRateLimitStore implements RateLimitStore {

	/** The next free permit of each limit, epoch nanoseconds. */
	private final Map<String, Long> next = new HashMap<>();

	@Override
	public synchronized OptionalLong reserve(Rate rate, int count, long now, long latest) {
		long first = Math.max(this.next.getOrDefault(rate.name(), now), now);
		if (first > latest) {
			return OptionalLong.empty();
		}
		this.next.put(rate.name(), first + rate.intervalNanos() * count);
		return OptionalLong.of(first);
	}

}
