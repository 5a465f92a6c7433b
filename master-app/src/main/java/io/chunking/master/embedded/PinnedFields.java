package io.chunking.master.embedded;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The values that a query's top-level conjunction ({@code $and} included) pins fields to, by equality or
 * {@code $in}: every document the query matches holds one of them in that field (or in an array there). This is what
 * lets an index look up the documents a query may match by key instead of the collection scanning them all.
 * <p>
 * Only plain values count ({@link #isPlain}); the first constraint on a field wins, which is enough for a lookup as
 * the collection applies the whole query to the documents found.
 */
final class PinnedFields {

	private static final String AND = "$and";

	private static final String IN = "$in";

	private static final String EQ = "$eq";

	private PinnedFields() {
	}

	/**
	 * Per top-level field the query pins, the values it may hold: one for an equality, those of {@code $in}
	 * otherwise.
	 */
	static Map<String, List<Object>> of(Document query) {
		Map<String, List<Object>> pinned = new LinkedHashMap<>();
		collect(query, pinned);
		return pinned;
	}

	/**
	 * Whether the query is no more than what {@link #of} reads from it: a conjunction ({@code $and} included) of
	 * distinct top-level fields, each pinned by equality, {@code $eq} or {@code $in} of plain values, so that it
	 * matches exactly the documents holding one of those values in each field.
	 */
	static boolean isExact(Document query) {
		return isExact(query, new HashSet<>());
	}

	private static boolean isExact(Document query, Set<String> fields) {
		for (Entry<String, Object> entry : query.entrySet()) {
			String field = entry.getKey();
			if (field.equals(AND) && entry.getValue() instanceof Collection<?> conjuncts && !conjuncts.isEmpty()) {
				for (Object conjunct : conjuncts) {
					if (!(conjunct instanceof Document document) || !isExact(document, fields)) {
						return false;
					}
				}
			}
			else if (field.startsWith("$") || field.contains(".") || values(entry.getValue()) == null
					|| !fields.add(field)) {
				return false;
			}
		}
		return true;
	}

	private static void collect(Document query, Map<String, List<Object>> pinned) {
		for (Entry<String, Object> entry : query.entrySet()) {
			String field = entry.getKey();
			Object value = entry.getValue();
			if (field.equals(AND) && value instanceof Collection<?> conjuncts) {
				for (Object conjunct : conjuncts) {
					if (conjunct instanceof Document document) {
						collect(document, pinned);
					}
				}
			}
			else if (!field.startsWith("$") && !field.contains(".")) {
				List<Object> values = values(value);
				if (values != null) {
					pinned.putIfAbsent(field, values);
				}
			}
		}
	}

	private static @Nullable List<Object> values(@Nullable Object value) {
		if (value != null && isPlain(value)) {
			return List.of(value);
		}
		if (value instanceof Document operator && operator.size() == 1) {
			Object operand = operator.get(EQ);
			if (operand != null && isPlain(operand)) {
				return List.of(operand);
			}
			if (operator.get(IN) instanceof Collection<?> values && !values.isEmpty()
					&& values.stream().allMatch((element) -> element != null && isPlain(element))) {
				return List.copyOf(values);
			}
		}
		return null;
	}

	/**
	 * Whether a query value matches exactly the documents whose field holds it (or an array holding it), which an
	 * index finds by that value. Documents, arrays, regular expressions and null match otherwise.
	 */
	static boolean isPlain(Object value) {
		return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
				|| value instanceof Boolean || value instanceof Instant || value instanceof ObjectId
				|| value instanceof UUID;
	}

}
