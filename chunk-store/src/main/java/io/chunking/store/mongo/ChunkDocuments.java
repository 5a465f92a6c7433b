package io.chunking.store.mongo;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import io.chunking.store.ByteRange;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.SkippedItem;

/**
 * Mapping between ledger records and MongoDB documents. Field names are constants so that queries and mapping cannot
 * drift apart.
 */
final class ChunkDocuments {

	static final String INSTANCE = "jobInstanceId";
	static final String INDEX = "chunkIndex";
	static final String JOB_NAME = "jobName";
	static final String EXECUTION = "jobExecutionId";
	static final String ITEM_COUNT = "itemCount";
	static final String PAYLOAD_KEY = "payloadKey";
	static final String PAYLOAD_OFFSET = "payloadOffset";
	static final String PAYLOAD_LENGTH = "payloadLength";
	static final String STATUS = "status";
	static final String ATTEMPT = "attempt";
	static final String WORKER = "workerId";
	static final String LEASE = "leaseExpiresAt";
	static final String CREATED = "createdAt";
	static final String STARTED = "startedAt";
	static final String FINISHED = "finishedAt";
	static final String READ = "readCount";
	static final String WRITTEN = "writeCount";
	static final String SKIPPED = "skipCount";
	static final String RESULT_KEY = "resultKey";
	static final String LAST_ERROR = "lastError";
	static final String SKIPS = "skips";
	static final String ERRORS = "errors";
	static final String REJECTED = "rejectedCompletions";
	static final String HELD = "held";
	static final String DISPATCHED_AT = "dispatchedAt";
	static final String DISPATCHES = "dispatchCount";

	private ChunkDocuments() {
	}

	static Document key(ChunkKey key) {
		return new Document(INSTANCE, key.jobInstanceId()).append(INDEX, key.chunkIndex());
	}

	static Document pending(NewChunk chunk, Instant now) {
		Document doc = key(chunk.key()).append(JOB_NAME, chunk.jobName())
			.append(EXECUTION, chunk.jobExecutionId())
			.append(ITEM_COUNT, chunk.itemCount())
			.append(PAYLOAD_KEY, chunk.payloadKey());
		ByteRange range = chunk.payloadRange();
		if (range != null) {
			doc.append(PAYLOAD_OFFSET, range.offset()).append(PAYLOAD_LENGTH, range.length());
		}
		return doc.append(STATUS, ChunkStatus.PENDING.name()).append(ATTEMPT, 0).append(CREATED, Date.from(now));
	}

	static Document error(ChunkError error) {
		return new Document("type", error.type()).append("message", error.message())
			.append(WORKER, error.workerId())
			.append(ATTEMPT, error.attempt())
			.append("at", Date.from(error.at()));
	}

	static List<Document> skips(List<SkippedItem> skips) {
		return skips.stream()
			.map((skip) -> new Document("position", skip.position()).append("type", skip.type())
				.append("message", skip.message()))
			.toList();
	}

	static ChunkRecord toRecord(Document doc) {
		ChunkKey key = new ChunkKey(number(doc, INSTANCE), (int) number(doc, INDEX));
		ItemCounts counts = new ItemCounts(number(doc, READ), number(doc, WRITTEN), number(doc, SKIPPED));
		Document error = doc.get(LAST_ERROR, Document.class);
		return new ChunkRecord(key, doc.getString(JOB_NAME), number(doc, EXECUTION), (int) number(doc, ITEM_COUNT),
				doc.getString(PAYLOAD_KEY), payloadRange(doc), ChunkStatus.valueOf(doc.getString(STATUS)), (int) number(doc, ATTEMPT),
				doc.getString(WORKER), instant(doc, LEASE), instant(doc, CREATED), instant(doc, STARTED),
				instant(doc, FINISHED), counts, doc.getString(RESULT_KEY), (error != null) ? chunkError(error) : null,
				skippedItems(doc));
	}

	/** A chunk sliced before payload segments existed has no range: its payload is the whole object. */
	private static @Nullable ByteRange payloadRange(Document doc) {
		return doc.containsKey(PAYLOAD_LENGTH)
				? new ByteRange(number(doc, PAYLOAD_OFFSET), (int) number(doc, PAYLOAD_LENGTH)) : null;
	}

	private static List<SkippedItem> skippedItems(Document doc) {
		List<Document> skips = doc.getList(SKIPS, Document.class);
		if (skips == null) {
			return List.of();
		}
		return skips.stream()
			.map((skip) -> new SkippedItem(skip.getString("position"), skip.getString("type"),
					skip.getString("message")))
			.toList();
	}

	private static ChunkError chunkError(Document error) {
		return new ChunkError(error.getString("type"), error.getString("message"), error.getString(WORKER),
				(int) number(error, ATTEMPT), instant(error, "at"));
	}

	private static long number(Document doc, String field) {
		Object value = doc.get(field);
		return (value instanceof Number number) ? number.longValue() : 0L;
	}

	private static @Nullable Instant instant(Document doc, String field) {
		Date date = doc.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

}
