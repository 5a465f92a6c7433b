package io.chunking.samples.newsletter;

/**
 * The mail server refused a recipient for now (a 4xx reply) or could not be reached: nothing was accepted, and the
 * subscriber is tried again (item retry, then the chunk's next attempt).
 */
public class MailDeferredException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MailDeferredException(String message, Throwable cause) {
		super(message, cause);
	}

}
