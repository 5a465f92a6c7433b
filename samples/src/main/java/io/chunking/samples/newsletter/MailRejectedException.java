package io.chunking.samples.newsletter;

/**
 * The mail server refused a recipient for good (a 5xx reply): the subscriber is skipped, with this message, and its
 * delivery recorded {@code REJECTED}; no run of the issue sends to it again.
 */
public class MailRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MailRejectedException(String message) {
		super(message);
	}

}
