package io.chunking.cli;

/**
 * The master answered with an error status, or could not be reached ({@code status} 0).
 */
class ApiException extends RuntimeException {

	private final int status;

	ApiException(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
