package io.chunking.protocol;

/**
 * A message on a chunk request queue that cannot be read as a chunk request.
 */
public class InvalidChunkRequestException extends RuntimeException {

	public InvalidChunkRequestException(String message, Throwable cause) {
		super(message, cause);
	}

}
