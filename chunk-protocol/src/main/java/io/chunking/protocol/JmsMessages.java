package io.chunking.protocol;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

/**
 * Describes JMS messages for logs and views without reading more of them than a text body: what kind of message it
 * is, and a short excerpt of a text fit for one log line.
 */
public final class JmsMessages {

	/** Longest excerpt of a message text, in characters (escapes of control characters count as several). */
	public static final int EXCERPT_LENGTH = 120;

	private JmsMessages() {
	}

	/**
	 * The kind of message: {@code TextMessage}, {@code BytesMessage}, {@code MapMessage}, {@code ObjectMessage},
	 * {@code StreamMessage}, or {@code Message} for one without a body.
	 */
	public static String type(Message message) {
		if (message instanceof TextMessage) {
			return "TextMessage";
		}
		if (message instanceof BytesMessage) {
			return "BytesMessage";
		}
		if (message instanceof MapMessage) {
			return "MapMessage";
		}
		if (message instanceof ObjectMessage) {
			return "ObjectMessage";
		}
		if (message instanceof StreamMessage) {
			return "StreamMessage";
		}
		return "Message";
	}

	/**
	 * The start of a text on one line: line breaks, tabs and other control characters are escapes
	 * ({@code \n}, {@code \u0007}), and a text longer than {@link #EXCERPT_LENGTH} ends with {@code ...}. Text from
	 * outside can neither forge log lines nor fill them.
	 */
	public static String excerpt(String text) {
		return excerpt(text, EXCERPT_LENGTH);
	}

	/** Like {@link #excerpt(String)}, up to {@code maxLength} characters. */
	public static String excerpt(String text, int maxLength) {
		StringBuilder excerpt = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			if (excerpt.length() >= maxLength) {
				return excerpt.append("...").toString();
			}
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> excerpt.append("\\n");
				case '\r' -> excerpt.append("\\r");
				case '\t' -> excerpt.append("\\t");
				default -> {
					if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
							|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
						excerpt.append(String.format("\\u%04x", (int) c));
					}
					else {
						excerpt.append(c);
					}
				}
			}
		}
		return excerpt.toString();
	}

}
