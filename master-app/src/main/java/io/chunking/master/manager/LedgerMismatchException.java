package io.chunking.master.manager;

/**
 * The chunk ledger of a run does not add up to its slice; the message says what is missing or extra. It becomes
 * the exit description of the failed execution.
 */
public class LedgerMismatchException extends IllegalStateException {

	public LedgerMismatchException(String message) {
		super(message);
	}

	public LedgerMismatchException(String message, Throwable cause) {
		super(message, cause);
	}

}
