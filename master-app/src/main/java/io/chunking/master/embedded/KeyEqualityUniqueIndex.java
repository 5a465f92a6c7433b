package io.chunking.master.embedded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

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
	 * not pin every key of the index, or pins more than one of them by {@code $in}.
	 */
	private @Nullable List<Document> lookups(Document query) {
		Map<String, List<Object>> pinned = PinnedFields.of(query);
		String inKey = null;
		for (String key : keys()) {
			List<Object> values = pinned.get(key);
			if (values == null) {
				return null;
			}
			if (values.size() > 1) {
				if (inKey != null) {
					return null;
				}
				inKey = key;
			}
		}
		List<Document> lookups = new ArrayList<>();
		for (Object value : pinned.get((inKey != null) ? inKey : keys().get(0))) {
			Document lookup = new Document();
			for (String key : keys()) {
				lookup.put(key, key.equals(inKey) ? value : pinned.get(key).get(0));
			}
			lookups.add(lookup);
		}
		return lookups;
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
