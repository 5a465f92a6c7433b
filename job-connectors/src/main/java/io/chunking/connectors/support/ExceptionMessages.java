package io.chunking.connectors.support;

import java.sql.SQLException;

/**
 * The message of an exception followed by those of the exceptions behind it, each {@code "; caused by: "} and only
 * if the text so far does not contain it already, so that a failure names its real problem once: why authentication
 * failed, say, or what a reader's cause said.
 */
public final class ExceptionMessages {

	private ExceptionMessages() {
	}

	/** The message of {@code ex} and of its causes. */
	public static String withCauses(Throwable ex) {
		StringBuilder messages = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			append(messages, cause);
		}
		return messages.toString();
	}

	/**
	 * The message of {@code ex} and of the exceptions chained to it, such as a batch's next exceptions, with their
	 * causes.
	 */
	public static String withChained(SQLException ex) {
		StringBuilder messages = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable cause : ex) {
			append(messages, cause);
		}
		return messages.toString();
	}

	private static void append(StringBuilder messages, Throwable cause) {
		String message = cause.getMessage();
		if (message != null && messages.indexOf(message) < 0) {
			messages.append("; caused by: ").append(message);
		}
	}

}
