package io.chunking.store;

import java.util.EnumMap;
import java.util.Map;

/**
 * Number of chunks of one job instance in each status.
 */
public final class ChunkCounts {

	private final Map<ChunkStatus, Long> counts;

	private final long total;

	/** Counts read at once: the total is their sum. */
	public ChunkCounts(Map<ChunkStatus, Long> counts) {
		this(counts, counts.values().stream().mapToLong(Long::longValue).sum());
	}

	/**
	 * Counts read one status after the other while chunks may change status, and the total read after them. A chunk
	 * that moved between two statuses while they were read may be in neither or both, so the statuses may not add up
	 * to the total; the total read last keeps {@code terminal() == total()} true only when every chunk is terminal,
	 * as long as the terminal statuses were read first (chunks only ever enter them during an execution).
	 */
	public ChunkCounts(Map<ChunkStatus, Long> counts, long total) {
		this.counts = new EnumMap<>(ChunkStatus.class);
		for (ChunkStatus status : ChunkStatus.values()) {
			this.counts.put(status, counts.getOrDefault(status, 0L));
		}
		this.total = total;
	}

	public long get(ChunkStatus status) {
		return this.counts.get(status);
	}

	public long total() {
		return this.total;
	}

	/** Chunks that no further attempt of the current execution will change. */
	public long terminal() {
		return get(ChunkStatus.SUCCEEDED) + get(ChunkStatus.DEAD);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ChunkCounts that) && this.counts.equals(that.counts) && this.total == that.total;
	}

	@Override
	public int hashCode() {
		return 31 * this.counts.hashCode() + Long.hashCode(this.total);
	}

	@Override
	public String toString() {
		return this.counts.toString();
	}

}
