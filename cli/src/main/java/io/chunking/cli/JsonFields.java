package io.chunking.cli;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of the master's answers leniently: a missing field or {@code null} is {@code null}, never an error.
 */
final class JsonFields {

	private JsonFields() {
	}

	/** The field as text, {@code null} if it is missing or {@code null}. */
	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString();
	}

	/** The field as text, {@code -} if it is missing or {@code null}. */
	static String shown(JsonNode node, String field) {
		String text = text(node, field);
		return (text != null) ? text : "-";
	}

}
