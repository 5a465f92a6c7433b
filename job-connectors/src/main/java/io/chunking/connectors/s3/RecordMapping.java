package io.chunking.connectors.s3;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ParseException;
import org.springframework.util.Assert;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows mapped to a Java record by column name: each component takes the column of its name, matched ignoring case,
 * {@code '_'}, {@code '-'} and spaces ({@code order_id} and {@code Order ID} fill {@code orderId}). The master checks
 * the header (every component has a column; optionally, every column a component) and keeps only the mapped columns;
 * the worker converts the values with Jackson, so numbers, booleans, enums, {@code BigDecimal} and {@code java.time}
 * types read as they would from JSON strings. An empty value is {@code null} for any type but {@code String}, and
 * fails the row for a primitive.
 */
final class RecordMapping<I> implements CsvMapping<I> {

	private final Class<I> type;

	private final JsonMapper json;

	private final boolean failOnUnknownColumns;

	/** Component names by normalized name. */
	private final Map<String, String> components = new LinkedHashMap<>();

	private final Map<String, Class<?>> componentTypes = new HashMap<>();

	RecordMapping(Class<I> type, JsonMapper json, boolean failOnUnknownColumns) {
		Assert.notNull(type, "recordType must not be null");
		Assert.isTrue(type.isRecord(), () -> type.getName() + " must be a Java record to map CSV columns to its "
				+ "components; use a row mapper for other types");
		this.type = type;
		this.json = json;
		this.failOnUnknownColumns = failOnUnknownColumns;
		for (RecordComponent component : type.getRecordComponents()) {
			String before = this.components.putIfAbsent(normalize(component.getName()), component.getName());
			Assert.isTrue(before == null, () -> "Components '" + before + "' and '" + component.getName() + "' of "
					+ type.getName() + " would match the same CSV column");
			this.componentTypes.put(component.getName(), component.getType());
		}
	}

	RecordMapping<I> withJson(JsonMapper json) {
		return new RecordMapping<>(this.type, json, this.failOnUnknownColumns);
	}

	RecordMapping<I> withFailOnUnknownColumns(boolean failOnUnknownColumns) {
		return new RecordMapping<>(this.type, this.json, failOnUnknownColumns);
	}

	static String normalize(String name) {
		StringBuilder normalized = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			if (c != '_' && c != '-' && !Character.isWhitespace(c)) {
				normalized.append(c);
			}
		}
		return normalized.toString().toLowerCase(Locale.ROOT);
	}

	@Override
	public List<@Nullable String> keys(List<String> names) {
		List<@Nullable String> keys = new ArrayList<>(names.size());
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			String normalized = normalize(name);
			Integer before = seen.putIfAbsent(normalized, i + 1);
			if (before != null) {
				throw new IllegalArgumentException("column '" + name + "' appears twice (columns " + before + " and "
						+ (i + 1) + (names.get(before - 1).equals(name) ? "" : ", as '" + names.get(before - 1) + "'")
						+ ")");
			}
			String component = this.components.get(normalized);
			if (component == null && this.failOnUnknownColumns) {
				throw new IllegalArgumentException("column '" + name + "' matches no component of "
						+ this.type.getSimpleName() + " " + this.components.values()
						+ "; drop it or set failOnUnknownColumns(false)");
			}
			keys.add(component);
		}
		for (Map.Entry<String, String> component : this.components.entrySet()) {
			if (!seen.containsKey(component.getKey())) {
				throw new IllegalArgumentException(this.type.getSimpleName() + "." + component.getValue()
						+ " has no column (names match ignoring case, '_', '-' and spaces); the header is " + names);
			}
		}
		return keys;
	}

	@Override
	public I map(Map<String, String> fields) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			Class<?> componentType = this.componentTypes.get(field.getKey());
			if (componentType == null) {
				throw new ParseException("The row has a column '" + field.getKey() + "' that is no component of "
						+ this.type.getSimpleName() + " " + this.components.values());
			}
			if (field.getValue().isEmpty() && componentType != String.class) {
				if (componentType.isPrimitive()) {
					throw new ParseException("The row's value of " + this.type.getSimpleName() + "."
							+ field.getKey() + " is empty, and it is a " + componentType.getName());
				}
				values.put(field.getKey(), null);
			}
			else {
				values.put(field.getKey(), field.getValue());
			}
		}
		try {
			return this.json.convertValue(values, this.type);
		}
		catch (JacksonException ex) {
			List<JacksonException.Reference> path = ex.getPath();
			String component = path.isEmpty() ? null : path.get(path.size() - 1).getPropertyName();
			throw new ParseException("The row does not fit " + this.type.getSimpleName()
					+ ((component != null) ? "." + component : "") + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
