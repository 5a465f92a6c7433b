package io.chunking.store;

/**
 * Item counts of a chunk or of a whole execution.
 *
 * @param read items read from the payload
 * @param written items that reached the writer (processed and not filtered)
 * @param skipped items skipped by the step's skip policy
 */
public record ItemCounts(long read, long written, long skipped) {

	public static final ItemCounts ZERO = new ItemCounts(0, 0, 0);

	public ItemCounts plus(ItemCounts other) {
		return new ItemCounts(this.read + other.read, this.written + other.written, this.skipped + other.skipped);
	}

}
