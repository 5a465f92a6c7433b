package io.chunking.master.embedded;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Answers a count of the documents a {@link KeyPrefixIndex} finds exactly from the index's entries, reading no
 * document: an {@code aggregate} command of the shape the MongoDB driver's {@code countDocuments} sends,
 * {@code [{$match: query}, {$group: {_id: constant, n: {$sum: 1}}}]}, whose query the index answers exactly
 * ({@link KeyPrefixIndex#countExactly}). mongo-java-server would read and match every document the index finds, and
 * its H2 storage deserializes each one: counting the 100,000 chunks of one execution by status took about a second,
 * and the manager polls the counts every 500 ms and the API on every {@code GET /api/executions/{id}}. A MongoDB
 * server counts such a query on its index alone (a covered count); this gives the embedded server the same cost.
 * <p>
 * Anything else, and a command with options that change the answer ({@link MatchGroupCommand}), is left to the
 * stock path. The answer is the stock one: no document for no match, else one holding the group's id and the count,
 * in a first batch with no more to fetch.
 */
final class CoveredCount {

	private CoveredCount() {
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
		String countField = countField(stages.group());
		if (countField == null) {
			return null;
		}
		Long count = count(collection, stages.match());
		if (count == null) {
			return null;
		}
		List<Document> batch = (count == 0) ? List.of()
				: List.of(new Document("_id", stages.group().get("_id")).append(countField,
						(count <= Integer.MAX_VALUE) ? (Object) count.intValue() : (Object) count));
		return MatchGroupCommand.response(namespace, batch);
	}

	/**
	 * The field of a {@code $group} stage that counts its documents, if the stage has a constant id and that one
	 * accumulator: {@code {_id: 1, n: {$sum: 1}}}.
	 */
	private static @Nullable String countField(Document group) {
		if (group.size() != 2 || !group.containsKey("_id") || !isConstant(group.get("_id"))) {
			return null;
		}
		for (Map.Entry<String, Object> field : group.entrySet()) {
			if (!field.getKey().equals("_id")) {
				boolean countsOne = field.getValue() instanceof Document accumulator && accumulator.size() == 1
						&& accumulator.get("$sum") instanceof Number one
						&& (one instanceof Integer || one instanceof Long) && one.longValue() == 1;
				return countsOne ? field.getKey() : null;
			}
		}
		return null;
	}

	private static boolean isConstant(@Nullable Object id) {
		return id == null || id instanceof Number || id instanceof Boolean
				|| (id instanceof String text && !text.startsWith("$"));
	}

	private static @Nullable Long count(MongoCollection<Object> collection, Document query) {
		// The collection's lock guards its list of indexes and keeps writes out while the entries are counted.
		synchronized (collection) {
			for (Index<Object> index : collection.getIndexes()) {
				if (index instanceof KeyPrefixIndex prefixIndex) {
					Long count = prefixIndex.countExactly(query);
					if (count != null) {
						return count;
					}
				}
			}
			return null;
		}
	}

}
