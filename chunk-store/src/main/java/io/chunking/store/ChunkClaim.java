package io.chunking.store;

import java.time.Instant;

/**
 * Proof that a worker holds the lease of one attempt of a chunk: the fencing token that every later write of that
 * attempt presents. A write whose claim no longer matches the ledger (another attempt took over) changes nothing.
 *
 * @param key the claimed chunk
 * @param attempt the attempt number this claim owns
 * @param workerId the worker holding the lease
 * @param leaseExpiresAt when the lease ends unless renewed
 * @param record the chunk as it was right after the claim
 */
public record ChunkClaim(ChunkKey key, int attempt, String workerId, Instant leaseExpiresAt, ChunkRecord record) {
}
