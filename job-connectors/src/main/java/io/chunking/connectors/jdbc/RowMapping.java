package io.chunking.connectors.jdbc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a row onto a record class with Jackson. Column labels become property names in camel case
 * ({@code PROFILE_ID} and {@code profile_id} both become {@code profileId}), matched ignoring case, so the labels of
 * any database's case folding fit; columns the class lacks are ignored.
 */
final class RowMapping {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private RowMapping() {
	}

	static <T> T map(Map<String, @Nullable Object> row, Class<T> type) {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		row.forEach((label, value) -> properties.put(camelCase(label), value));
		return MAPPER.convertValue(properties, type);
	}

	static String camelCase(String label) {
		String lower = label.toLowerCase(Locale.ROOT);
		StringBuilder name = new StringBuilder(lower.length());
		boolean upper = false;
		for (char c : lower.toCharArray()) {
			if (c == '_' && name.length() > 0) {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

}
