package io.chunking.store;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a successful attempt reports when it completes its chunk.
 *
 * @param counts item counts of the attempt
 * @param resultKey object key of the attempt's result in the payload store, {@code null} if the job keeps none
 * @param skips the items it skipped, the first {@link #MAX_SKIPS} of them ({@code counts.skipped()} has the number)
 */
public record ChunkOutcome(ItemCounts counts, @Nullable String resultKey, List<SkippedItem> skips) {

	/** Most skipped items recorded per chunk, so that a chunk of unreadable records cannot bloat its ledger entry. */
	public static final int MAX_SKIPS = 100;

	public ChunkOutcome {
		skips = List.copyOf((skips.size() > MAX_SKIPS) ? skips.subList(0, MAX_SKIPS) : skips);
	}

	/** The outcome of an attempt that skipped nothing. */
	public ChunkOutcome(ItemCounts counts, @Nullable String resultKey) {
		this(counts, resultKey, List.of());
	}

}
