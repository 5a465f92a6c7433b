package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static io.chunking.store.mongo.ChunkDocuments.INDEX;
import static io.chunking.store.mongo.ChunkDocuments.INSTANCE;
import static io.chunking.store.mongo.ChunkDocuments.STATUS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;

/**
 * The chunks of an instance in some statuses, read in windows of consecutive chunk indexes, each looked up in the
 * status index: a server answers a sorted query with all its documents at once (the embedded one holds them on its
 * heap until they are fetched: a few hundred MB for 100,000 chunks), where a window holds a few hundred. Windows
 * cover the indexes below the instance's chunk count, which the slicer's gapless numbering makes all of them; chunks
 * numbered beyond, if any, are read last by one query. With a projection, each window reads those fields only.
 */
final class IndexWindows implements Iterator<Document> {

	/** The most combinations of chunk index and status one window looks up. */
	static final int LOOKUPS = 1000;

	private final MongoCollection<Document> chunks;

	private final String what;

	private final long jobInstanceId;

	private final List<String> statuses;

	private final @Nullable Bson projection;

	private final int window;

	private final long total;

	private long next;

	private boolean beyondRead;

	private Iterator<Document> current = Collections.emptyIterator();

	/**
	 * @param total the instance's chunk count
	 * @param projection the fields to read, {@code null} for whole documents
	 */
	IndexWindows(MongoCollection<Document> chunks, String what, long jobInstanceId, List<String> statuses,
			long total, @Nullable Bson projection) {
		this.chunks = chunks;
		this.what = what;
		this.jobInstanceId = jobInstanceId;
		this.statuses = statuses;
		this.projection = projection;
		// At most LOOKUPS combinations of chunk index and status, so that the status index can look each up.
		this.window = Math.max(1, LOOKUPS / Math.max(1, statuses.size()));
		this.total = total;
	}

	@Override
	public boolean hasNext() {
		while (!this.current.hasNext()) {
			if (this.next < this.total) {
				List<Integer> indexes = indexes(this.next, Math.min(this.total, this.next + this.window));
				this.next += this.window;
				this.current = read(
						and(eq(INSTANCE, this.jobInstanceId), in(INDEX, indexes), in(STATUS, this.statuses)));
			}
			else if (!this.beyondRead) {
				this.beyondRead = true;
				this.current = read(
						and(eq(INSTANCE, this.jobInstanceId), gte(INDEX, this.total), in(STATUS, this.statuses)));
			}
			else {
				return false;
			}
		}
		return true;
	}

	@Override
	public Document next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return this.current.next();
	}

	private Iterator<Document> read(Bson filter) {
		List<Document> documents = new ArrayList<>();
		MongoCalls.run(this.what, () -> project(this.chunks.find(filter), this.projection)
			.sort(Sorts.ascending(INDEX))
			.into(documents));
		return documents.iterator();
	}

	static FindIterable<Document> project(FindIterable<Document> found, @Nullable Bson projection) {
		return (projection != null) ? found.projection(projection) : found;
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
