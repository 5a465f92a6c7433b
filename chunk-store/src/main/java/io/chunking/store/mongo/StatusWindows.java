package io.chunking.store.mongo;

import static io.chunking.store.mongo.ChunkDocuments.INDEX;
import static io.chunking.store.mongo.ChunkDocuments.INSTANCE;
import static io.chunking.store.mongo.ChunkDocuments.STATUS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import com.mongodb.client.MongoCollection;

import io.chunking.store.ChunkStatus;
import io.chunking.store.ChunkStatusEntry;

/**
 * The status of each chunk of an instance in index order, read in windows of {@value #WINDOW} consecutive chunk
 * indexes, each by one aggregation that groups the window's chunk indexes by status:
 * <pre>
 * [{$match: {jobInstanceId: i, chunkIndex: {$gte: a, $lt: b}}},
 *  {$group: {_id: "$status", chunkIndexes: {$push: "$chunkIndex"}}}]
 * </pre>
 * It needs the instance, the status and the index of each chunk only, all three keys of the status index
 * {@code (jobInstanceId, status, chunkIndex)}: MongoDB answers it from that index without fetching a chunk document
 * (a covered plan), and so does the embedded server ({@code CoveredGroup} in master-app), where reading each
 * document took 18–30 s at 100,000 chunks. A window's answer is at most five documents holding {@value #WINDOW}
 * numbers together, about 1 MB, far below MongoDB's 16 MB per document; neither server promises an order of
 * groups or of the numbers pushed, so each window is sorted here.
 * <p>
 * Windows cover the indexes below the instance's chunk count ({@link ChunkIndexWindows}); if fewer chunks were
 * found there than counted, chunks numbered beyond are read last by one more aggregation, unbounded above.
 */
final class StatusWindows extends ChunkIndexWindows<ChunkStatusEntry> {

	/** The chunk indexes one aggregation reads. */
	static final int WINDOW = 100_000;

	private static final String INDEXES = "chunkIndexes";

	/** How many chunks the windows read so far held. */
	private long found;

	/** @param total the instance's chunk count */
	StatusWindows(MongoCollection<Document> chunks, String what, long jobInstanceId, long total) {
		super(chunks, what, jobInstanceId, total, WINDOW);
	}

	@Override
	protected Iterator<ChunkStatusEntry> window(long from, long to) {
		return read(from, to);
	}

	@Override
	protected Iterator<ChunkStatusEntry> beyond(long from) {
		return read(from, null);
	}

	@Override
	protected boolean anyBeyond() {
		return this.found < this.total;
	}

	/** The statuses of the chunks from index {@code from} (inclusive) to {@code to} (exclusive, or none). */
	private Iterator<ChunkStatusEntry> read(long from, @Nullable Long to) {
		Document range = new Document("$gte", from);
		if (to != null) {
			range.append("$lt", to);
		}
		List<Document> pipeline = List.of(
				new Document("$match", new Document(INSTANCE, this.jobInstanceId).append(INDEX, range)),
				new Document("$group",
						new Document("_id", "$" + STATUS).append(INDEXES, new Document("$push", "$" + INDEX))));
		List<ChunkStatusEntry> entries = new ArrayList<>();
		MongoCalls.run(this.what, () -> {
			for (Document group : this.chunks.aggregate(pipeline)) {
				ChunkStatus status = ChunkStatus.valueOf(group.getString("_id"));
				for (Object index : group.getList(INDEXES, Object.class)) {
					entries.add(new ChunkStatusEntry(((Number) index).intValue(), status));
				}
			}
		});
		entries.sort(Comparator.comparingInt(ChunkStatusEntry::chunkIndex));
		this.found += entries.size();
		return entries.iterator();
	}

}
