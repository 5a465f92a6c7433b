package io.chunking.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ChunkStatus#PENDING} chunk as its dispatches left it: when its request was last sent to the workers and
 * how many times. A pending chunk whose request was sent long ago and still not claimed may have lost its request.
 *
 * @param key the chunk
 * @param dispatchedAt when its request was last sent, {@code null} if never
 * @param dispatches how many times its request was sent since it became pending for this execution
 */
public record UnclaimedChunk(ChunkKey key, @Nullable Instant dispatchedAt, int dispatches) {
}
