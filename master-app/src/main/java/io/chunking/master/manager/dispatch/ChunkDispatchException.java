package io.chunking.master.manager.dispatch;

/**
 * Chunk requests could not be sent: the broker could not be reached or refused them. None of the batch was queued;
 * the chunks stay pending in the ledger and are dispatched again later.
 */
public class ChunkDispatchException extends RuntimeException {

	public ChunkDispatchException(String message, Throwable cause) {
		super(message, cause);
	}

}
