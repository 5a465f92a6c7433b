package io.chunking.master.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Answers an aggregation that groups the values of index keys from a {@link KeyPrefixIndex}'s entries, reading no
 * document: {@code [{$match: query}, {$group: {_id: "$key", values: {$push: "$otherKey"}, ...}}]}, where the query
 * pins leading keys of the index exactly ({@link PinnedFields#isExact}) and may bound keys of the index by
 * {@code $gt}, {@code $gte}, {@code $lt} and {@code $lte} with integers ({@link MatchBounds}), and the group's id and
 * pushed fields are keys of the index. This is how the ledger reads the status of each of an execution's chunks
 * ({@code [{$match: {jobInstanceId: i, chunkIndex: {$gte: a, $lt: b}}}, {$group: {_id: "$status", chunkIndexes:
 * {$push: "$chunkIndex"}}}]}), which a MongoDB server answers from its {@code (jobInstanceId, status, chunkIndex)}
 * index alone; mongo-java-server would read and deserialize every chunk document of the execution for it, 18–30 s
 * at 100,000 chunks.
 * <p>
 * Values are read back from the entries' tokens ({@link EntryKeys#value}): strings, and integral numbers as an
 * {@link Integer} when they fit one, else as a {@link Long}. The entries do not tell an {@code int} from a
 * {@code long} or a {@code double} of equal value, so a pushed {@code 5L} comes back as {@code 5}, where MongoDB
 * would answer with the type stored. That is exact for the ledger, which writes chunk indexes as {@code int32}
 * and reads every number it gets back through {@link Number}; other collections should not send this shape for
 * fields holding {@code long}s or {@code double}s. If an entry holds a value of another kind in a key (a decimal
 * number, a date, null, ...), a bounded key holds a string, or some document has several entries (an array in a
 * key, which MongoDB would unwind into several values), the command is left to the stock path, which reads the
 * documents, as is any other shape and a command with options that change the answer ({@link MatchGroupCommand}).
 * <p>
 * The answer has the stock shape: one document per group, with the values pushed in the order of the index
 * (numbers before strings, numbers by value), groups in the order of their first value, all in a first batch with
 * no more to fetch. MongoDB promises no order for either without a {@code $sort}; readers must not rely on one.
 */
final class CoveredGroup {

	private static final String PUSH = "$push";

	/** The order of MongoDB's index on the decoded values: numbers by value, before strings. */
	private static final Comparator<Object[]> INDEX_ORDER = (left, right) -> {
		for (int key = 0; key < left.length; key++) {
			int order = compare(left[key], right[key]);
			if (order != 0) {
				return order;
			}
		}
		return 0;
	};

	private CoveredGroup() {
	}

	/**
	 * The response to the command, or {@code null} to run it as stock.
	 *
	 * @param namespace the full namespace of the collection, for the cursor in the response
	 */
	static @Nullable Document answer(Document command, @Nullable MongoCollection<Object> collection,
			String namespace) {
		MatchGroupCommand stages = MatchGroupCommand.of(command);
		if (collection == null || stages == null) {
			return null;
		}
		Grouping grouping = Grouping.of(stages.group());
		MatchBounds match = MatchBounds.of(stages.match());
		if (grouping == null || match == null) {
			return null;
		}
		Rows rows = rows(collection, match, grouping);
		if (rows == null) {
			return null;
		}
		return MatchGroupCommand.response(namespace, grouping.apply(rows));
	}

	/**
	 * The values of the keys of an index, one row per document the query matches, in the order of the index.
	 *
	 * @param keys the index's keys, in order: the fields of the values in a row
	 */
	private record Rows(List<String> keys, List<Object[]> values) {
	}

	/** The rows of the first index that answers, or {@code null} if none does. */
	private static @Nullable Rows rows(MongoCollection<Object> collection, MatchBounds match, Grouping grouping) {
		// The collection's lock guards its list of indexes and keeps writes out while the entries are read.
		synchronized (collection) {
			for (Index<Object> index : collection.getIndexes()) {
				if (index instanceof KeyPrefixIndex prefixIndex) {
					List<String> keys = index.getKeys().stream().map(IndexKey::getKey).toList();
					if (keys.containsAll(grouping.fields()) && keys.containsAll(match.bounds().keySet())) {
						List<Object[]> rows = rows(prefixIndex, keys, match);
						if (rows != null) {
							rows.sort(INDEX_ORDER);
							return new Rows(keys, rows);
						}
					}
				}
			}
			return null;
		}
	}

	private static @Nullable List<Object[]> rows(KeyPrefixIndex index, List<String> keys, MatchBounds match) {
		List<Object[]> rows = new ArrayList<>();
		Map<Integer, MatchBounds.Bounds> bounded = new LinkedHashMap<>();
		match.bounds().forEach((field, bounds) -> bounded.put(keys.indexOf(field), bounds));
		boolean walked = index.walkExactly(match.exact(), (entry) -> {
			List<String> tokens = EntryKeys.tokens(entry, keys.size());
			Object[] row = new Object[keys.size()];
			for (int key = 0; key < row.length; key++) {
				row[key] = EntryKeys.value(tokens.get(key));
				if (row[key] == null) {
					return false;
				}
			}
			for (Map.Entry<Integer, MatchBounds.Bounds> bounds : bounded.entrySet()) {
				if (!(row[bounds.getKey()] instanceof Number number)) {
					return false;
				}
				if (!bounds.getValue().contain(number.longValue())) {
					return true;
				}
			}
			rows.add(row);
			return true;
		});
		return walked ? rows : null;
	}

	private static int compare(Object left, Object right) {
		if (left instanceof Number a && right instanceof Number b) {
			return Long.compare(a.longValue(), b.longValue());
		}
		if (left instanceof String a && right instanceof String b) {
			return a.compareTo(b);
		}
		return (left instanceof Number) ? -1 : 1;
	}

	/**
	 * A {@code $group} stage whose id is a top-level field and whose every accumulator pushes one:
	 * {@code {_id: "$status", chunkIndexes: {$push: "$chunkIndex"}}}.
	 */
	private static final class Grouping {

		private final String idField;

		/** Per output field, the field whose values it pushes. */
		private final Map<String, String> pushed;

		private Grouping(String idField, Map<String, String> pushed) {
			this.idField = idField;
			this.pushed = pushed;
		}

		static @Nullable Grouping of(Document group) {
			String idField = field(group.get("_id"));
			if (idField == null) {
				return null;
			}
			Map<String, String> pushed = new LinkedHashMap<>();
			for (Map.Entry<String, Object> output : group.entrySet()) {
				if (output.getKey().equals("_id")) {
					continue;
				}
				String field = (output.getValue() instanceof Document accumulator && accumulator.size() == 1)
						? field(accumulator.get(PUSH)) : null;
				if (field == null || output.getKey().startsWith("$") || output.getKey().contains(".")) {
					return null;
				}
				pushed.put(output.getKey(), field);
			}
			return new Grouping(idField, pushed);
		}

		/** The top-level field a {@code "$field"} expression reads, {@code null} for any other expression. */
		private static @Nullable String field(@Nullable Object expression) {
			if (expression instanceof String path && path.startsWith("$") && path.length() > 1
					&& !path.startsWith("$$") && !path.contains(".")) {
				return path.substring(1);
			}
			return null;
		}

		Set<String> fields() {
			Set<String> fields = new HashSet<>(this.pushed.values());
			fields.add(this.idField);
			return fields;
		}

		/** One document per group, in the order of their first row, each row's values pushed in order. */
		List<Document> apply(Rows rows) {
			int idKey = rows.keys().indexOf(this.idField);
			int[] pushedKeys = this.pushed.values().stream().mapToInt(rows.keys()::indexOf).toArray();
			Map<Object, List<List<Object>>> groups = new LinkedHashMap<>();
			for (Object[] row : rows.values()) {
				List<List<Object>> values = groups.computeIfAbsent(row[idKey], (id) -> {
					List<List<Object>> lists = new ArrayList<>();
					for (int i = 0; i < pushedKeys.length; i++) {
						lists.add(new ArrayList<>());
					}
					return lists;
				});
				for (int i = 0; i < pushedKeys.length; i++) {
					values.get(i).add(row[pushedKeys[i]]);
				}
			}
			List<Document> results = new ArrayList<>(groups.size());
			groups.forEach((id, values) -> {
				Document result = new Document("_id", id);
				int i = 0;
				for (String output : this.pushed.keySet()) {
					result.append(output, values.get(i++));
				}
				results.add(result);
			});
			return results;
		}

	}

}
