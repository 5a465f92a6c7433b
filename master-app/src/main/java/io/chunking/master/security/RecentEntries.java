package io.chunking.master.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that holds at most {@code capacity} entries, forgetting the least recently used one beyond it: the memory
 * bound of per-client and per-credential state that outsiders can create, and of what the API keeps per execution.
 * Not thread-safe: callers synchronize.
 */
public final class RecentEntries<K, V> extends LinkedHashMap<K, V> {

	private final int capacity;

	public RecentEntries(int capacity) {
		super(16, 0.75f, true);
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.capacity = capacity;
	}

	@Override
	protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
		return size() > this.capacity;
	}

}
