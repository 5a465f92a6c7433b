package io.chunking.store;

import java.time.Instant;

/**
 * The error of one failed chunk attempt, as recorded in the ledger.
 *
 * @param type fully qualified class name of the exception
 * @param message exception message, truncated to {@link #MAX_MESSAGE_LENGTH} characters
 * @param workerId the worker that ran the attempt
 * @param attempt the attempt number that failed
 * @param at when the failure was recorded
 */
public record ChunkError(String type, String message, String workerId, int attempt, Instant at) {

	/** Longest message kept in the ledger, so one huge exception cannot bloat a chunk document. */
	public static final int MAX_MESSAGE_LENGTH = 2000;

	public ChunkError {
		if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
			message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
		}
	}

	/** The error of {@code failure}, with the message of its root cause when it has none of its own. */
	public static ChunkError of(Throwable failure, String workerId, int attempt, Instant at) {
		Throwable cause = failure;
		while (cause.getMessage() == null && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return new ChunkError(cause.getClass().getName(), cause.getMessage(), workerId, attempt, at);
	}

	@Override
	public String toString() {
		return this.type + ": " + this.message;
	}

}
