package io.chunking.master.api;

/**
 * No job execution has the requested id.
 */
class NoSuchExecutionException extends RuntimeException {

	NoSuchExecutionException(long id) {
		super("No job execution with id " + id);
	}

}
