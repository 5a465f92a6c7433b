package io.chunking.master.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A secondary (non-unique) index of mongo-java-server's H2 backend, which has none: the stock backend gives every
 * non-unique index an empty stand-in that serves no query, so each query that is not a unique-key lookup scans the
 * whole collection. For the chunk ledger that is every chunk of every execution the master ever ran, and the
 * master's supervision polls (the running and the failed chunks of one job instance, every 500 ms) grew with it.
 * <p>
 * This index serves any query whose top-level conjunction ({@code $and} included) pins the leading keys of the index
 * by equality or {@code $in} ({@link PinnedFields}): on the ledger's {@code (jobInstanceId, status, chunkIndex)}, the
 * chunks of one instance, of one instance in some statuses, or single chunks. It answers with the positions of the
 * documents holding those values, and the collection applies the whole query to these documents only, so results
 * are the same as a scan's. Queries that do not pin the first key are left to a scan. With every key pinned, as in
 * the ledger's compare-and-set filters, it finds the single chunk as directly as the unique key index does, which
 * matters because the collection asks its indexes in turn and reopening the data file may put this one first (the
 * stock backend keeps index descriptions under random keys).
 * <p>
 * Entries live in an MVStore map, one per document and combination of its key values (arrays give several), keyed by
 * {@link EntryKeys} so that those sharing leading values are one sorted run, with the document's position as value.
 * A document's entries are found again from the document alone (the collection removes a document by its content)
 * through its {@code _id}, which is why the key ends with it.
 * <p>
 * Depends on internals of mongo-java-server 1.47.0: {@code AbstractMongoCollection} asks each index's
 * {@code canHandle} and re-matches the documents at the positions {@code getPositions} returns, keeps indexes up to
 * date through {@code add}, {@code remove} and {@code updateInPlace}, fills an empty index from all documents when
 * it is added, and takes {@code _id} as the id field of user collections. Check these when upgrading.
 */
final class KeyPrefixIndex extends Index<Object> {

	private static final String ID = "_id";

	/** Beyond this many combinations of {@code $in} values, the index looks up fewer leading keys. */
	private static final int MAX_LOOKUPS = 1000;

	private final MVMap<String, Object> entries;

	/**
	 * Whether some document ever had more than one entry (an array in a key, as MongoDB's multikey indexes), so
	 * that entries cannot be counted as documents. Entries are rebuilt when the data file is opened, and so is this.
	 */
	private boolean multiKey;

	KeyPrefixIndex(MVMap<String, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.entries = entries;
	}

	@Override
	public synchronized boolean canHandle(Document query) {
		return prefixes(query) != null;
	}

	@Override
	public synchronized Iterable<Object> getPositions(Document query) {
		List<String> prefixes = prefixes(query);
		if (prefixes == null) {
			throw new IllegalStateException(this + " cannot serve " + query);
		}
		return positions(prefixes);
	}

	/** The positions held by the entries of these runs, each once, in the order found. */
	private Set<Object> positions(Collection<String> prefixes) {
		Set<Object> positions = new LinkedHashSet<>();
		for (String prefix : prefixes) {
			Cursor<String, Object> cursor = this.entries.cursor(prefix);
			while (cursor.hasNext() && cursor.next().startsWith(prefix)) {
				positions.add(cursor.getValue());
			}
		}
		return positions;
	}

	/**
	 * The number of documents the query matches, counted from the entries alone, if the entries tell it exactly
	 * ({@link #exactRuns}), else {@code null}, for the collection to count. This is what MongoDB does with a count
	 * its index covers: it reads no document, so counting the chunks of one job instance in one status costs the
	 * same whatever their documents hold.
	 */
	synchronized @Nullable Long countExactly(Document query) {
		Set<String> runs = exactRuns(query);
		if (runs == null) {
			return null;
		}
		if (!this.multiKey) {
			// One entry per document: the count of a run is the difference of two ranks in the sorted map, which
			// MVStore computes from the counts its pages keep, without reading the entries.
			long count = 0;
			for (String prefix : runs) {
				count += rank(EntryKeys.end(prefix)) - rank(prefix);
			}
			return count;
		}
		return (long) positions(runs).size();
	}

	/**
	 * Hands the key of the entry of each document the query matches to {@code entry}, run by run, each run in key
	 * order, if the entries tell those documents exactly ({@link #exactRuns}) and each has one entry (no document
	 * ever had an array in a key), reading no document: what a query covered by the index reads. Writes wait until
	 * the walk ends.
	 *
	 * @param entry takes an entry's key ({@link EntryKeys#tokens}), answers {@code false} to stop the walk
	 * @return whether every entry was handed over: {@code false} if the entries do not tell the documents exactly,
	 * or {@code entry} stopped the walk
	 */
	synchronized boolean walkExactly(Document query, Predicate<String> entry) {
		Set<String> runs = exactRuns(query);
		if (runs == null || this.multiKey) {
			return false;
		}
		for (String prefix : runs) {
			Cursor<String, Object> cursor = this.entries.cursor(prefix);
			while (cursor.hasNext()) {
				String key = cursor.next();
				if (!key.startsWith(prefix)) {
					break;
				}
				if (!entry.test(key)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * The starts of the runs of entries holding exactly the documents the query matches, each once, if the entries
	 * tell them exactly: the query is a plain conjunction of equalities and {@code $in}s ({@link PinnedFields#isExact})
	 * on leading keys of the index, all of which it looks up. {@code null} otherwise.
	 */
	private @Nullable Set<String> exactRuns(Document query) {
		if (!PinnedFields.isExact(query)) {
			return null;
		}
		Map<String, List<Object>> pinned = PinnedFields.of(query);
		if (pinned.size() > keys().size() || !keys().subList(0, pinned.size()).containsAll(pinned.keySet())) {
			return null;
		}
		long lookups = 1;
		for (List<Object> values : pinned.values()) {
			lookups = Math.min(lookups * values.size(), MAX_LOOKUPS + 1);
		}
		List<String> prefixes = prefixes(pinned);
		if (prefixes == null || prefixes.size() != lookups) {
			// Some pinned key was left out of the lookups: the entries found are more than the query matches.
			return null;
		}
		return new LinkedHashSet<>(prefixes);
	}

	/** How many entries sort before this key. */
	private long rank(String key) {
		long index = this.entries.getKeyIndex(key);
		return (index >= 0) ? index : -(index + 1);
	}

	/**
	 * The starts of the runs of entries holding the documents the query may match, or {@code null} if the query does
	 * not pin the first key of the index.
	 */
	private @Nullable List<String> prefixes(Document query) {
		return prefixes(PinnedFields.of(query));
	}

	private @Nullable List<String> prefixes(Map<String, List<Object>> pinned) {
		List<List<Object>> combinations = List.of(List.of());
		for (String key : keys()) {
			List<Object> values = pinned.get(key);
			if (values == null || combinations.size() * values.size() > MAX_LOOKUPS) {
				break;
			}
			List<List<Object>> longer = new ArrayList<>(combinations.size() * values.size());
			for (List<Object> combination : combinations) {
				for (Object value : values) {
					List<Object> extended = new ArrayList<>(combination);
					extended.add(value);
					longer.add(extended);
				}
			}
			combinations = longer;
		}
		if (combinations.get(0).isEmpty()) {
			return null;
		}
		List<String> prefixes = new ArrayList<>(combinations.size());
		for (List<Object> combination : combinations) {
			prefixes.add(EntryKeys.prefix(new KeyValue(combination).normalized()));
		}
		return prefixes;
	}

	@Override
	public synchronized @Nullable Object getPosition(Document document) {
		for (String entry : entryKeys(document)) {
			Object position = this.entries.get(entry);
			if (position != null) {
				return position;
			}
		}
		return null;
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// Not unique: any document can be added.
	}

	@Override
	public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
		Set<String> keys = entryKeys(document);
		this.multiKey |= keys.size() > 1;
		for (String entry : keys) {
			this.entries.put(entry, position);
		}
	}

	@Override
	public synchronized @Nullable Object remove(Document document) {
		Object removed = null;
		for (String entry : entryKeys(document)) {
			Object position = this.entries.remove(entry);
			if (removed == null) {
				removed = position;
			}
		}
		return removed;
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		// Not unique: any update is allowed.
	}

	@Override
	public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		Set<String> before = entryKeys(oldDocument);
		Set<String> after = entryKeys(newDocument);
		this.multiKey |= after.size() > 1;
		for (String entry : before) {
			if (!after.contains(entry)) {
				this.entries.remove(entry);
			}
		}
		for (String entry : after) {
			if (!before.contains(entry)) {
				this.entries.put(entry, position);
			}
		}
	}

	/**
	 * The keys of a document's entries, one per combination of its key values. A sparse index leaves out documents
	 * with none of its keys; here also those holding null in all of them, which no query the index serves matches.
	 */
	private Set<String> entryKeys(Document document) {
		Set<String> entries = new LinkedHashSet<>();
		Object id = new KeyValue(document.get(ID)).normalized().get(0);
		for (KeyValue values : getKeyValues(document)) {
			if (!isSparse() || values.stream().anyMatch(Objects::nonNull)) {
				entries.add(EntryKeys.entry(values, id));
			}
		}
		return entries;
	}

	@Override
	public synchronized long getCount() {
		return this.entries.sizeAsLong();
	}

	@Override
	public synchronized boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public void drop() {
		// H2Database removes the map of a dropped index.
	}

}
