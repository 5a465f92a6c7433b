package io.chunking.cli;

/**
 * The command line is wrong; the message says what and where. Exit code {@value ExitCodes#USAGE}.
 */
class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
