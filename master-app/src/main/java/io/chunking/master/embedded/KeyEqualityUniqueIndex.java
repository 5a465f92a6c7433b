package io.chunking.master.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.UUID;

import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A unique index of mongo-java-server's H2 backend that also serves queries naming more fields than its keys.
 * <p>
 * mongo-java-server 1.47 uses a unique index only for a query whose fields are exactly the index's keys; any other
 * query scans the whole collection under the collection's lock. The chunk ledger's compare-and-set filters name
 * the chunk key and the expected status, attempt and worker, and the driver renders them as {@code $and}, so every
 * claim, renewal and completion scanned all chunks: 18 ms per call at 2,000 chunks, 89 ms at 20,000. This index
 * answers any query whose top-level conjunction ({@code $and} included) holds an equality on every key of the index,
 * or {@code $in} on one key and equalities on the others, with the positions of those key values; the collection
 * then applies the whole query to these documents only, so results are the same as a scan's. Other queries are
 * left to the stock rules ({@link AbstractUniqueIndex#canHandle}).
 * <p>
 * This class depends on internals of mongo-java-server 1.47.0 (mongo-java-server-core and -h2-backend): it stores
 * key positions in an {@link MVMap} the way {@code H2UniqueIndex} does (whose constructor is not public), relies on
 * {@code AbstractMongoCollection.queryDocuments} asking each index's {@code canHandle} and then re-matching the
 * documents at the positions {@code getPositions} returns, and on {@link AbstractUniqueIndex#getPosition(Document)}
 * normalising values as when they were indexed. Check these when upgrading mongo-java-server.
 */
final class KeyEqualityUniqueIndex extends AbstractUniqueIndex<Object> {

	private static final String AND = "$and";

	private static final String IN = "$in";

	private static final String EQ = "$eq";

	private final MVMap<KeyValue, Object> positions;

	KeyEqualityUniqueIndex(MVMap<KeyValue, Object> positions, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.positions = positions;
	}

	@Override
	public synchronized boolean canHandle(Document query) {
		return super.canHandle(query) || lookups(query) != null;
	}

	@Override
	public synchronized Iterable<Object> getPositions(Document query) {
		if (super.canHandle(query)) {
			return super.getPositions(query);
		}
		List<Document> lookups = lookups(query);
		if (lookups == null) {
			throw new IllegalStateException(this + " cannot serve " + query);
		}
		Set<Object> found = new LinkedHashSet<>();
		for (Document lookup : lookups) {
			Object position = getPosition(lookup);
			if (position != null) {
				found.add(position);
			}
		}
		return found;
	}

	/**
	 * The documents of index key values that every match of the query has one of, or {@code null} if the query does
	 * not pin every key of the index.
	 */
	private @Nullable List<Document> lookups(Document query) {
		Map<String, Object> equalities = new LinkedHashMap<>();
		collectEqualities(query, equalities);
		String inKey = null;
		for (String key : keys()) {
			Object value = equalities.get(key);
			if (value == null) {
				return null;
			}
			if (value instanceof InValues) {
				if (inKey != null) {
					return null;
				}
				inKey = key;
			}
		}
		if (inKey == null) {
			return List.of(lookup(equalities, null, null));
		}
		List<Document> lookups = new ArrayList<>();
		for (Object value : ((InValues) equalities.get(inKey)).values()) {
			lookups.add(lookup(equalities, inKey, value));
		}
		return lookups;
	}

	private Document lookup(Map<String, Object> equalities, @Nullable String inKey, @Nullable Object inValue) {
		Document lookup = new Document();
		for (String key : keys()) {
			lookup.put(key, key.equals(inKey) ? inValue : equalities.get(key));
		}
		return lookup;
	}

	/** Collects, per field, the first equality or {@code $in} of plain values among the query's conjuncts. */
	private static void collectEqualities(Document query, Map<String, Object> equalities) {
		for (Entry<String, Object> entry : query.entrySet()) {
			String field = entry.getKey();
			Object value = entry.getValue();
			if (field.equals(AND) && value instanceof Collection<?> conjuncts) {
				for (Object conjunct : conjuncts) {
					if (conjunct instanceof Document document) {
						collectEqualities(document, equalities);
					}
				}
			}
			else if (!field.startsWith("$") && !field.contains(".")) {
				Object constraint = constraint(value);
				if (constraint != null) {
					equalities.putIfAbsent(field, constraint);
				}
			}
		}
	}

	private static @Nullable Object constraint(Object value) {
		if (isPlain(value)) {
			return value;
		}
		if (value instanceof Document operator && operator.size() == 1) {
			Object operand = operator.get(EQ);
			if (operand != null && isPlain(operand)) {
				return operand;
			}
			if (operator.get(IN) instanceof Collection<?> values && !values.isEmpty()
					&& values.stream().allMatch(KeyEqualityUniqueIndex::isPlain)) {
				return new InValues(values);
			}
		}
		return null;
	}

	/**
	 * Whether a query value matches exactly the documents whose field holds it (or an array holding it), which the
	 * index finds by that value. Documents, arrays, regular expressions and null match otherwise.
	 */
	private static boolean isPlain(Object value) {
		return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
				|| value instanceof Boolean || value instanceof Instant || value instanceof ObjectId
				|| value instanceof UUID;
	}

	private record InValues(Collection<?> values) {
	}

	@Override
	protected Object removeDocument(KeyValue keyValue) {
		return this.positions.remove(keyValue);
	}

	@Override
	protected boolean putKeyPosition(KeyValue keyValue, Object position) {
		return this.positions.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
	}

	@Override
	protected Iterable<Entry<KeyValue, Object>> getIterable() {
		return this.positions.entrySet();
	}

	@Override
	protected Object getPosition(KeyValue keyValue) {
		return this.positions.get(keyValue);
	}

	@Override
	public long getCount() {
		return this.positions.sizeAsLong();
	}

	@Override
	public boolean isEmpty() {
		return this.positions.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

}
