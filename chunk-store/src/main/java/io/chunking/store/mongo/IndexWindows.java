package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static io.chunking.store.mongo.ChunkDocuments.INDEX;
import static io.chunking.store.mongo.ChunkDocuments.INSTANCE;
import static io.chunking.store.mongo.ChunkDocuments.STATUS;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;

/**
 * The chunks of an instance in some statuses, read in windows of consecutive chunk indexes
 * ({@link ChunkIndexWindows}), each looked up in the status index: a server answers a sorted query with all its
 * documents at once (the embedded one holds them on its heap until they are fetched: a few hundred MB for 100,000
 * chunks), where a window holds a few hundred. Chunks numbered beyond the chunk count, if any, are read last by one
 * query.
 */
final class IndexWindows extends ChunkIndexWindows<Document> {

	/** The most combinations of chunk index and status one window looks up. */
	static final int LOOKUPS = 1000;

	private final List<String> statuses;

	/** @param total the instance's chunk count */
	IndexWindows(MongoCollection<Document> chunks, String what, long jobInstanceId, List<String> statuses,
			long total) {
		// At most LOOKUPS combinations of chunk index and status, so that the status index can look each up.
		super(chunks, what, jobInstanceId, total, Math.max(1, LOOKUPS / Math.max(1, statuses.size())));
		this.statuses = statuses;
	}

	@Override
	protected Iterator<Document> window(long from, long to) {
		return read(and(eq(INSTANCE, this.jobInstanceId), in(INDEX, indexes(from, to)), in(STATUS, this.statuses)));
	}

	@Override
	protected Iterator<Document> beyond(long from) {
		return read(and(eq(INSTANCE, this.jobInstanceId), gte(INDEX, from), in(STATUS, this.statuses)));
	}

	private Iterator<Document> read(Bson filter) {
		List<Document> documents = new ArrayList<>();
		MongoCalls.run(this.what, () -> this.chunks.find(filter)
			.sort(Sorts.ascending(INDEX))
			.into(documents));
		return documents.iterator();
	}

	/** The chunk indexes from {@code from} (inclusive) to {@code to} (exclusive). */
	static List<Integer> indexes(long from, long to) {
		List<Integer> indexes = new ArrayList<>((int) Math.max(0, to - from));
		for (long index = from; index < to; index++) {
			indexes.add((int) index);
		}
		return indexes;
	}

}
