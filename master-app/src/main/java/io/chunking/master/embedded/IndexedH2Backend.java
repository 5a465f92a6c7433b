package io.chunking.master.embedded;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * mongo-java-server's H2 MVStore backend whose unique indexes are {@link KeyEqualityUniqueIndex}es, so that the
 * chunk ledger's compare-and-set calls look their chunk up by key instead of scanning every chunk.
 * <p>
 * Depends on mongo-java-server 1.47.0 internals: {@code H2Backend.openOrCreateDatabase} and
 * {@code H2Database.openOrCreateUniqueIndex} are the extension points, and an index's positions live in the MVStore
 * map {@code <database>.<collection>._index_<index name>}, the name {@code H2Database} gives them (it drops that
 * map with the index), so a data file written by the stock backend opens with its indexes intact and vice versa.
 */
final class IndexedH2Backend extends H2Backend {

	IndexedH2Backend(String fileName) {
		super(fileName);
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

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			MVMap<KeyValue, Object> positions = getMvStore()
				.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
			return new KeyEqualityUniqueIndex(positions, indexName, keys, sparse);
		}

	}

}
