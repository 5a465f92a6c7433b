package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerState;
import io.chunking.store.WorkerStatus;

/**
 * {@link WorkerRegistry} on a MongoDB collection, one document per worker keyed by its id.
 */
public class MongoWorkerRegistry implements WorkerRegistry {

	private final MongoCollection<Document> workers;

	public MongoWorkerRegistry(MongoCollection<Document> workers) {
		this.workers = workers;
	}

	@Override
	public void initialize() {
		// Documents are keyed by worker id (_id); no further index is needed.
	}

	@Override
	public void heartbeat(WorkerStatus status) {
		Document doc = new Document("_id", status.id()).append("host", status.host())
			.append("pid", status.pid())
			.append("jobs", status.jobs())
			.append("state", status.state().name())
			.append("startedAt", Date.from(status.startedAt()))
			.append("lastHeartbeat", Date.from(status.lastHeartbeat()))
			.append("chunksInHand", status.chunksInHand())
			.append("currentChunk", status.currentChunk())
			.append("concurrency", status.concurrency())
			.append("chunksDone", status.chunksDone())
			.append("lease", status.lease());
		MongoCalls.run("Recording the heartbeat of worker " + status.id(),
				() -> this.workers.replaceOne(eq("_id", status.id()), doc, new ReplaceOptions().upsert(true)));
	}

	@Override
	public void deregister(String workerId) {
		MongoCalls.run("Deregistering worker " + workerId, () -> this.workers.deleteOne(eq("_id", workerId)));
	}

	@Override
	public List<WorkerStatus> list() {
		return MongoCalls.call("Listing the workers", this::readAll);
	}

	private List<WorkerStatus> readAll() {
		List<WorkerStatus> list = new ArrayList<>();
		for (Document doc : this.workers.find().sort(Sorts.ascending("_id"))) {
			list.add(new WorkerStatus(doc.getString("_id"), doc.getString("host"), number(doc, "pid"),
					doc.getList("jobs", String.class), WorkerState.valueOf(doc.getString("state")), instant(doc.getDate("startedAt")),
					instant(doc.getDate("lastHeartbeat")), chunksInHand(doc), (int) number(doc, "concurrency"),
					number(doc, "chunksDone"), number(doc, "lease")));
		}
		return list;
	}

	/**
	 * The chunks in hand; a heartbeat of a worker of an earlier version has only {@code currentChunk} (it ran one
	 * chunk at a time). {@code currentChunk} is still written for masters of that version.
	 */
	private static List<String> chunksInHand(Document doc) {
		List<String> chunks = doc.getList("chunksInHand", String.class);
		if (chunks != null) {
			return chunks;
		}
		String current = doc.getString("currentChunk");
		return (current != null) ? List.of(current) : List.of();
	}

	private static long number(Document doc, String field) {
		return (doc.get(field) instanceof Number number) ? number.longValue() : 0;
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : Instant.EPOCH;
	}

}
