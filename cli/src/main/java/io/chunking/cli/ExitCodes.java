package io.chunking.cli;

/**
 * Exit codes of the CLI.
 */
final class ExitCodes {

	/** Done; for {@code run --follow}: the execution completed. */
	static final int OK = 0;

	/** The execution did not complete, or the request does not fit the execution's status (409). */
	static final int FAILED = 1;

	/** Bad command line. */
	static final int USAGE = 2;

	/** The master could not be reached, refused the credentials, or answered with another error. */
	static final int SERVER = 3;

	private ExitCodes() {
	}

}
