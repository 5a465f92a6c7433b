package io.chunking.connectors;

import org.jspecify.annotations.Nullable;

/**
 * A sink cannot write or complete its outputs: an upload refused, a counted output missing when the execution
 * completes. The message names the output (e.g. {@code s3://bucket/key}) and the problem; the cause, if any, is the
 * client's own exception. Thrown on a worker it fails the chunk attempt, on the master it fails the execution, which
 * can be restarted.
 */
public class SinkException extends RuntimeException {

	public SinkException(String message) {
		super(message);
	}

	public SinkException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
