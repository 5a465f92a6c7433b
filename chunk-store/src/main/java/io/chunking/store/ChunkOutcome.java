package io.chunking.store;

import org.jspecify.annotations.Nullable;

/**
 * What a successful attempt reports when it completes its chunk.
 *
 * @param counts item counts of the attempt
 * @param resultKey object key of the attempt's result in the payload store, {@code null} if the job keeps none
 */
public record ChunkOutcome(ItemCounts counts, @Nullable String resultKey) {
}
