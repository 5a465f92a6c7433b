package io.chunking.connectors;

import org.jspecify.annotations.Nullable;

/**
 * A source of records cannot be read on the master: a missing object or table, refused credentials, a bad query, a
 * malformed header. The message names the source (e.g. {@code s3://bucket/key}) and the problem; the cause, if any,
 * is the client's own exception. Thrown by {@code records(..)} or while its stream is consumed, it fails the execution
 * while slicing.
 */
public class SourceException extends RuntimeException {

	public SourceException(String message) {
		super(message);
	}

	public SourceException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
