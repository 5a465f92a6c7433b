package io.chunking.store;

import java.time.Instant;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * The error of one failed chunk attempt, as recorded in the ledger.
 *
 * @param type fully qualified class name of the exception
 * @param message exception message, truncated to {@link #MAX_MESSAGE_LENGTH} characters
 * @param workerId the worker that ran the attempt
 * @param attempt the attempt number that failed
 * @param at when the failure was recorded
 */
public record ChunkError(String type, @Nullable String message, String workerId, int attempt, Instant at) {

	/** Longest message kept in the ledger, so one huge exception cannot bloat a chunk document. */
	public static final int MAX_MESSAGE_LENGTH = 2000;

	public ChunkError {
		if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
			message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
		}
	}

	/**
	 * The error of {@code failure}: the exception the job's own code threw, not the wrappers around it (Spring
	 * Batch reports a failed item as "Unable to process chunk" with the real error as its cause), nor a wrapper
	 * without a message of its own.
	 */
	public static ChunkError of(Throwable failure, String workerId, int attempt, Instant at) {
		Throwable cause = reported(failure);
		return new ChunkError(cause.getClass().getName(), cause.getMessage(), workerId, attempt, at);
	}

	/**
	 * The exception to report of {@code failure}: the one the job's own code threw, not the wrappers around it
	 * (Spring Batch's, the {@link ExecutionException} of an item processed on another thread, or one without a
	 * message of its own).
	 */
	public static Throwable reported(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause && (cause.getMessage() == null
				|| cause instanceof ExecutionException
				|| cause.getClass().getName().startsWith("org.springframework.batch."))) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Override
	public String toString() {
		return this.type + ": " + this.message;
	}

}
