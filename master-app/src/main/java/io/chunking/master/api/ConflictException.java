package io.chunking.master.api;

/**
 * The request does not fit the current state of its target; the message says why.
 */
class ConflictException extends RuntimeException {

	ConflictException(String message) {
		super(message);
	}

}
