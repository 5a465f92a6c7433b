package io.chunking.job;

/**
 * The attempt of a succeeded chunk whose outputs count.
 *
 * @param chunkIndex index of the chunk
 * @param attempt attempt number, starting at 1
 * @param workerId worker that ran it
 * @param itemsWritten outputs it wrote (items processed and not filtered)
 */
public record CountedAttempt(int chunkIndex, int attempt, String workerId, long itemsWritten) {
}
