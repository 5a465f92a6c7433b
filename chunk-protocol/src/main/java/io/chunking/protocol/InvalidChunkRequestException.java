package io.chunking.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A message on a chunk request queue that cannot be read as a chunk request.
 */
public class InvalidChunkRequestException extends RuntimeException {

	public InvalidChunkRequestException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
