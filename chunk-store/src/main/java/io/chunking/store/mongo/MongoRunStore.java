package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.jspecify.annotations.Nullable;

import io.chunking.store.RunRecord;
import io.chunking.store.RunStore;

/**
 * {@link RunStore} on a MongoDB collection, one document per job instance keyed by its id.
 */
public class MongoRunStore implements RunStore {

	private static final String OWNER = "ownerId";

	private static final String LEASE = "ownerLeaseExpiresAt";

	private static final String EXECUTION = "jobExecutionId";

	private static final String PENDING_RESTART_OF = "pendingRestartOf";

	private static final String PENDING_RESTART_BY = "pendingRestartBy";

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
		MongoCalls.run("Recording the start of the slice of job instance " + jobInstanceId,
				() -> this.runs.updateOne(eq("_id", jobInstanceId),
						Updates.combine(Updates.set("jobName", jobName),
								Updates.set("arguments", new Document(new LinkedHashMap<>(arguments))),
								Updates.set("sliced", false), Updates.set("createdAt", new Date())),
						new UpdateOptions().upsert(true)));
	}

	@Override
	public boolean own(long jobInstanceId, long jobExecutionId, String masterId, Duration lease, Instant now) {
		Bson claimable = or(eq("ownerId", null), eq("ownerId", masterId), lt("ownerLeaseExpiresAt", Date.from(now)));
		Bson update = Updates.combine(Updates.set("ownerId", masterId),
				Updates.set("ownerLeaseExpiresAt", Date.from(now.plus(lease))),
				Updates.set("jobExecutionId", jobExecutionId));
		// Matches when the run is claimable; otherwise the upsert collides with the existing run's _id.
		return MongoCalls.call("Taking the ownership of job instance " + jobInstanceId, () -> {
			try {
				this.runs.updateOne(and(eq("_id", jobInstanceId), claimable), update, new UpdateOptions().upsert(true));
				return true;
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
					// The run exists and someone else holds a live lease on it.
					return false;
				}
				throw ex;
			}
		});
	}

	@Override
	public boolean markRestartPending(long jobInstanceId, long jobExecutionId, String masterId) {
		return MongoCalls.call("Marking a restart of job instance " + jobInstanceId + " pending",
				() -> this.runs.updateOne(owned(jobInstanceId, jobExecutionId, masterId),
						Updates.combine(Updates.set(PENDING_RESTART_OF, jobExecutionId),
								Updates.set(PENDING_RESTART_BY, masterId)))
					.getMatchedCount()) == 1;
	}

	@Override
	public boolean release(long jobInstanceId, long jobExecutionId, String masterId, Instant now) {
		return MongoCalls.call("Releasing the ownership of job instance " + jobInstanceId,
				() -> this.runs.updateOne(owned(jobInstanceId, jobExecutionId, masterId),
						Updates.set(LEASE, Date.from(now)))
					.getMatchedCount()) == 1;
	}

	@Override
	public List<RunRecord> findPendingRestarts(Instant now) {
		return MongoCalls.call("Reading the runs waiting for a restart", () -> {
			List<RunRecord> found = new ArrayList<>();
			for (Document doc : this.runs.find(and(exists(PENDING_RESTART_OF), lt(LEASE, Date.from(now))))) {
				found.add(record(doc));
			}
			return found;
		});
	}

	@Override
	public void clearPendingRestart(long jobInstanceId, long jobExecutionId) {
		MongoCalls.run("Clearing the pending restart of job instance " + jobInstanceId,
				() -> this.runs.updateOne(and(eq("_id", jobInstanceId), eq(PENDING_RESTART_OF, jobExecutionId)),
						Updates.combine(Updates.unset(PENDING_RESTART_OF), Updates.unset(PENDING_RESTART_BY))));
	}

	private static Bson owned(long jobInstanceId, long jobExecutionId, String masterId) {
		return and(eq("_id", jobInstanceId), eq(OWNER, masterId), eq(EXECUTION, jobExecutionId));
	}

	@Override
	public void sliced(long jobInstanceId, int chunkCount, long itemCount) {
		MongoCalls.run("Recording the end of the slice of job instance " + jobInstanceId,
				() -> this.runs.updateOne(eq("_id", jobInstanceId),
						Updates.combine(Updates.set("sliced", true), Updates.set("chunkCount", chunkCount),
								Updates.set("itemCount", itemCount), Updates.set("slicedAt", new Date()))));
	}

	@Override
	public Optional<RunRecord> find(long jobInstanceId) {
		Document doc = MongoCalls.call("Reading the run of job instance " + jobInstanceId,
				() -> this.runs.find(eq("_id", jobInstanceId)).first());
		return (doc != null) ? Optional.of(record(doc)) : Optional.empty();
	}

	private static RunRecord record(Document doc) {
		Map<String, String> arguments = new LinkedHashMap<>();
		Document args = doc.get("arguments", Document.class);
		if (args != null) {
			args.forEach((name, value) -> arguments.put(name, String.valueOf(value)));
		}
		Number chunkCount = doc.get("chunkCount", Number.class);
		Number itemCount = doc.get("itemCount", Number.class);
		Number pendingRestart = doc.get(PENDING_RESTART_OF, Number.class);
		return new RunRecord(((Number) doc.get("_id")).longValue(), doc.getString("jobName"), arguments,
				Boolean.TRUE.equals(doc.getBoolean("sliced")), (chunkCount != null) ? chunkCount.intValue() : 0,
				(itemCount != null) ? itemCount.longValue() : 0, instant(doc.getDate("createdAt")),
				instant(doc.getDate("slicedAt")), doc.getString(OWNER), instant(doc.getDate(LEASE)),
				(doc.get(EXECUTION) instanceof Number execution) ? execution.longValue() : 0,
				(pendingRestart != null) ? pendingRestart.longValue() : null, doc.getString(PENDING_RESTART_BY));
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
