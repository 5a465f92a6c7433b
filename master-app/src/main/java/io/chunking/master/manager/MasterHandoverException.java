package io.chunking.master.manager;

/**
 * Ends a step of an execution that its master hands over (see {@link HandoverSignal}). It carries no stack trace:
 * it is the expected way out of the step, and its message says everything.
 */
final class MasterHandoverException extends RuntimeException {

	MasterHandoverException(String message) {
		super(message, null, false, false);
	}

}
