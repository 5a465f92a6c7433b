package io.chunking.master.api;

/**
 * A request argument is not acceptable; the message says which and why.
 */
class InvalidRequestException extends RuntimeException {

	InvalidRequestException(String message) {
		super(message);
	}

}
