package io.chunking.store;

/**
 * One chunk's status, without the rest of its ledger entry: what a map of an execution's chunks needs.
 *
 * @param chunkIndex the chunk's index in its job instance
 * @param status its current status
 */
public record ChunkStatusEntry(int chunkIndex, ChunkStatus status) {
}
