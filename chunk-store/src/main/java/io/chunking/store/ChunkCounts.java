package io.chunking.store;

import java.util.EnumMap;
import java.util.Map;

/**
 * Number of chunks of one job instance in each status.
 */
public final class ChunkCounts {

	private final Map<ChunkStatus, Long> counts;

	public ChunkCounts(Map<ChunkStatus, Long> counts) {
		this.counts = new EnumMap<>(ChunkStatus.class);
		for (ChunkStatus status : ChunkStatus.values()) {
			this.counts.put(status, counts.getOrDefault(status, 0L));
		}
	}

	public long get(ChunkStatus status) {
		return this.counts.get(status);
	}

	public long total() {
		return this.counts.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Chunks that no further attempt of the current execution will change. */
	public long terminal() {
		return get(ChunkStatus.SUCCEEDED) + get(ChunkStatus.DEAD);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ChunkCounts that) && this.counts.equals(that.counts);
	}

	@Override
	public int hashCode() {
		return this.counts.hashCode();
	}

	@Override
	public String toString() {
		return this.counts.toString();
	}

}
