package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;

import io.chunking.store.RunRecord;
import io.chunking.store.RunStore;

/**
 * {@link RunStore} on a MongoDB collection, one document per job instance keyed by its id.
 */
public class MongoRunStore implements RunStore {

	private final MongoCollection<Document> runs;

	public MongoRunStore(MongoCollection<Document> runs) {
		this.runs = runs;
	}

	@Override
	public void initialize() {
		// Documents are keyed by job instance id (_id); no further index is needed.
	}

	@Override
	public void begin(long jobInstanceId, String jobName, Map<String, String> arguments) {
		Document run = new Document("_id", jobInstanceId).append("jobName", jobName)
			.append("arguments", new Document(new LinkedHashMap<>(arguments)))
			.append("sliced", false)
			.append("createdAt", new Date());
		this.runs.replaceOne(eq("_id", jobInstanceId), run, new ReplaceOptions().upsert(true));
	}

	@Override
	public void sliced(long jobInstanceId, int chunkCount, long itemCount) {
		this.runs.updateOne(eq("_id", jobInstanceId),
				Updates.combine(Updates.set("sliced", true), Updates.set("chunkCount", chunkCount),
						Updates.set("itemCount", itemCount), Updates.set("slicedAt", new Date())));
	}

	@Override
	public Optional<RunRecord> find(long jobInstanceId) {
		Document doc = this.runs.find(eq("_id", jobInstanceId)).first();
		if (doc == null) {
			return Optional.empty();
		}
		Map<String, String> arguments = new LinkedHashMap<>();
		Document args = doc.get("arguments", Document.class);
		if (args != null) {
			args.forEach((name, value) -> arguments.put(name, String.valueOf(value)));
		}
		Number chunkCount = doc.get("chunkCount", Number.class);
		Number itemCount = doc.get("itemCount", Number.class);
		return Optional.of(new RunRecord(jobInstanceId, doc.getString("jobName"), arguments,
				Boolean.TRUE.equals(doc.getBoolean("sliced")), (chunkCount != null) ? chunkCount.intValue() : 0,
				(itemCount != null) ? itemCount.longValue() : 0, instant(doc.getDate("createdAt")),
				instant(doc.getDate("slicedAt"))));
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
