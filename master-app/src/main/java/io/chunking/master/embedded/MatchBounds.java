package io.chunking.master.embedded;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A query split into the part that pins fields exactly ({@link PinnedFields#isExact}) and integer bounds on other
 * fields: {@code {jobInstanceId: 7, chunkIndex: {$gte: 0, $lt: 100000}}} is {@code {jobInstanceId: 7}} and
 * {@code 0 <= chunkIndex < 100000}. Its top-level conjunction ({@code $and} included) is read; a field is bounded
 * when its condition is a document of {@code $gt}, {@code $gte}, {@code $lt} and {@code $lte} only, each of an
 * {@link Integer} or a {@link Long}, and pinned otherwise.
 * <p>
 * Such a bound matches the numbers in its range only (MongoDB compares a number with numbers alone), and of a field
 * holding an array, any element in the range (each bound on its own); callers that apply the bounds to single
 * numbers must make sure the field holds one.
 *
 * @param exact the conjunction of the fields pinned, to be checked with {@link PinnedFields#isExact}
 * @param bounds per bounded field, the range its values must be in
 */
record MatchBounds(Document exact, Map<String, Bounds> bounds) {

	private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

	/**
	 * The query split, or {@code null} if it is not a conjunction of exact pins and integer bounds, or bounds a field
	 * it also pins.
	 */
	static @Nullable MatchBounds of(Document query) {
		Document exact = new Document();
		Map<String, Bounds> bounds = new LinkedHashMap<>();
		if (!split(query, exact, bounds) || exact.isEmpty() || !PinnedFields.isExact(exact)) {
			return null;
		}
		for (String field : bounds.keySet()) {
			if (exact.containsKey(field)) {
				return null;
			}
		}
		return new MatchBounds(exact, bounds);
	}

	private static boolean split(Document query, Document exact, Map<String, Bounds> bounds) {
		for (Map.Entry<String, Object> entry : query.entrySet()) {
			String field = entry.getKey();
			if (field.equals("$and") && entry.getValue() instanceof Collection<?> conjuncts && !conjuncts.isEmpty()) {
				for (Object conjunct : conjuncts) {
					if (!(conjunct instanceof Document document) || !split(document, exact, bounds)) {
						return false;
					}
				}
			}
			else if (field.startsWith("$") || field.contains(".")) {
				return false;
			}
			else if (isRange(entry.getValue())) {
				Bounds narrowed = bounds.getOrDefault(field, Bounds.ALL).and((Document) entry.getValue());
				bounds.put(field, narrowed);
			}
			else if (exact.containsKey(field)) {
				return false;
			}
			else {
				exact.put(field, entry.getValue());
			}
		}
		return true;
	}

	private static boolean isRange(@Nullable Object condition) {
		return condition instanceof Document operators && !operators.isEmpty()
				&& RANGE_OPERATORS.containsAll(operators.keySet())
				&& operators.values().stream().allMatch((bound) -> bound instanceof Integer || bound instanceof Long);
	}

	/** A range of integers, both ends inclusive: empty if {@code from > to}. */
	record Bounds(long from, long to) {

		static final Bounds ALL = new Bounds(Long.MIN_VALUE, Long.MAX_VALUE);

		static final Bounds NONE = new Bounds(1, 0);

		boolean contain(long value) {
			return value >= this.from && value <= this.to;
		}

		/** This range narrowed by range operators of integer bounds. */
		Bounds and(Document operators) {
			long from = this.from;
			long to = this.to;
			for (Map.Entry<String, Object> operator : operators.entrySet()) {
				long bound = ((Number) operator.getValue()).longValue();
				switch (operator.getKey()) {
					case "$gt" -> {
						if (bound == Long.MAX_VALUE) {
							return NONE;
						}
						from = Math.max(from, bound + 1);
					}
					case "$gte" -> from = Math.max(from, bound);
					case "$lt" -> {
						if (bound == Long.MIN_VALUE) {
							return NONE;
						}
						to = Math.min(to, bound - 1);
					}
					default -> to = Math.min(to, bound);
				}
			}
			return new Bounds(from, to);
		}

	}

}
