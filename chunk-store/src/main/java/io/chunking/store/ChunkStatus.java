package io.chunking.store;

/**
 * Lifecycle of one chunk in the ledger.
 *
 * <pre>
 * PENDING --claim--> RUNNING --complete--> SUCCEEDED
 *                       |
 *                       +--fail--> FAILED --claim--> RUNNING ...
 *                                    |
 *                                    +--(attempts exhausted)--> DEAD
 * </pre>
 */
public enum ChunkStatus {

	/** Sliced and stored, waiting for a worker. */
	PENDING,

	/** Claimed by a worker that holds a lease on it. */
	RUNNING,

	/** Completed by the attempt that held the lease; its result counts. */
	SUCCEEDED,

	/** The last attempt failed; the chunk may be attempted again. */
	FAILED,

	/** Every allowed attempt failed: a dead letter, with its last error. */
	DEAD;

	/** Whether no further attempt will change this chunk within the current execution. */
	public boolean isTerminal() {
		return this == SUCCEEDED || this == DEAD;
	}

}
