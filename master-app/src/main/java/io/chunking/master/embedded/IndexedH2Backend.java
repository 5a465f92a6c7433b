package io.chunking.master.embedded;

import java.util.Comparator;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 MVStore backend whose unique indexes are {@link KeyEqualityUniqueIndex}es, so that the
 * chunk ledger's compare-and-set calls look their chunk up by key instead of scanning every chunk, and whose
 * secondary indexes are {@link KeyPrefixIndex}es instead of none, so that reading the chunks of one job instance
 * (in some statuses) does not scan the chunks of all the others, and whose aggregations starting with a
 * {@code $match} that an index serves read the documents that index finds ({@link IndexedAggregation}) instead of
 * all documents, so that counting the chunks of one job instance does not read those of all the others either
 * (and counts, or groups of key values such as the chunks' statuses, that an index covers read no document at all:
 * {@link CoveredCount}, {@link CoveredGroup}), and whose collections read a query sorted on {@code _id} with a limit
 * in {@code _id} order ({@link IdOrderedH2Collection}), so that paging through a collection on {@code _id} reads
 * each page once.
 * <p>
 * Depends on mongo-java-server 1.47.0 internals: {@code H2Backend.openOrCreateDatabase},
 * {@code H2Database.openOrCreateCollection} (whose metadata map is {@code meta.<database>.<collection>}),
 * {@code H2Database.openOrCreateUniqueIndex}, {@code AbstractMongoDatabase.openOrCreateSecondaryIndex},
 * {@code AbstractMongoDatabase.handleCommand} and {@code AbstractSynchronizedMongoDatabase.resolveCollection} are
 * the extension points, an index's entries live in the MVStore map {@code <database>.<collection>._index_<index
 * name>}, the name {@code H2Database} gives them (it drops that map with the index), so a data file written by the
 * stock backend opens with its indexes intact and vice versa, and a collection's documents live in the map
 * {@code databases.<database>.<collection>}, keyed by their position.
 */
final class IndexedH2Backend extends H2Backend {

	/**
	 * MVStore page cache, in MB of H2's own estimate of the pages' memory. H2 estimates a page of deserialized
	 * ledger documents at a fraction of what it takes on the heap, so its 16 MB default held the documents of a
	 * whole 100,000-chunk run (several hundred MB); the ledger's reads are by key and recent, so a small cache costs
	 * little.
	 */
	static final int CACHE_MB = 4;

	IndexedH2Backend(String fileName) {
		super(new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MB).open());
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
	}

	/**
	 * Not static on purpose: {@code H2Database}'s constructor opens the indexes already stored, before a field of
	 * this class could be set, so the store is read from the enclosing backend.
	 */
	private final class IndexedH2Database extends H2Database {

		IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
			super(databaseName, store, cursorRegistry);
		}

		/** A collection whose queries sorted on {@code _id} with a limit read in {@code _id} order. */
		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			String namespace = getFullCollectionNamespace(collectionName);
			return new IdOrderedH2Collection(this, collectionName, options, documents(collectionName),
					getMvStore().openMap("meta." + namespace), this.cursorRegistry);
		}

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			MVMap<KeyValue, Object> positions = getMvStore().openMap(mapName(collectionName, indexName));
			return new KeyEqualityUniqueIndex(positions, indexName, keys, sparse);
		}

		/**
		 * A {@link KeyPrefixIndex} instead of the stock backend's empty stand-in. Its entries are rebuilt from the
		 * documents whenever the data file is opened (the collection fills an index that is empty when it is added):
		 * the stock backend, and versions of this one before the index, change documents without keeping these
		 * entries, so entries left in the file may be stale. That costs reading every document of the collection at
		 * startup, about what one supervision poll cost before. Creating the index again, as the ledger does whenever
		 * it initializes, must not clear the entries of the open index: it gets that index, which the collection then
		 * ignores as one it has.
		 */
		@Override
		protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
				List<IndexKey> keys, boolean sparse) {
			MongoCollection<Object> collection = resolveCollection(collectionName, false);
			if (collection != null) {
				for (Index<Object> index : collection.getIndexes()) {
					if (index.getName().equals(indexName)) {
						return index;
					}
				}
			}
			MVMap<String, Object> entries = getMvStore().openMap(mapName(collectionName, indexName));
			entries.clear();
			return new KeyPrefixIndex(entries, indexName, keys, sparse);
		}

		/**
		 * An {@code aggregate} command that counts what an index finds exactly, or groups the values of its keys, is
		 * answered from the index ({@link CoveredCount}, {@link CoveredGroup}). Otherwise one whose pipeline starts with a {@code $match} pinning fields runs as
		 * stock, but reading its collection through {@link IndexedAggregation}, which the next
		 * {@link #resolveCollection} gives.
		 */
		@Override
		public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
				Oplog oplog) {
			if (command.equalsIgnoreCase("aggregate") && query.get("aggregate") instanceof String collectionName) {
				MongoCollection<Object> collection = resolveCollection(collectionName, false);
				String namespace = getFullCollectionNamespace(collectionName);
				Document covered = CoveredCount.answer(query, collection, namespace);
				if (covered == null) {
					covered = CoveredGroup.answer(query, collection, namespace);
				}
				if (covered != null) {
					return covered;
				}
			}
			Document prefilter = command.equalsIgnoreCase("aggregate") ? IndexedAggregation.prefilter(query) : null;
			if (prefilter == null) {
				return super.handleCommand(channel, command, query, resolver, oplog);
			}
			return IndexedAggregation.during(prefilter,
					() -> super.handleCommand(channel, command, query, resolver, oplog));
		}

		@Override
		public @Nullable MongoCollection<Object> resolveCollection(String collectionName, boolean throwIfNotFound) {
			MongoCollection<Object> collection = super.resolveCollection(collectionName, throwIfNotFound);
			Document prefilter = IndexedAggregation.takePending();
			if (prefilter == null || collection == null) {
				return collection;
			}
			MVMap<Object, Document> documents = documents(collectionName);
			return IndexedAggregation.over(collection, prefilter, positionOrder(documents), documents::get);
		}

		/** The collection's data map: its documents keyed by their position. */
		private MVMap<Object, Document> documents(String collectionName) {
			return getMvStore().openMap("databases." + getFullCollectionNamespace(collectionName));
		}

		/** The order of the keys of the collection's data map, which is that of the stock read of all documents. */
		@SuppressWarnings("unchecked")
		private static Comparator<Object> positionOrder(MVMap<Object, Document> documents) {
			return (Comparator<Object>) (Comparator<?>) documents.getKeyType();
		}

		private String mapName(String collectionName, String indexName) {
			return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
		}

	}

}
