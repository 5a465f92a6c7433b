package io.chunking.samples.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import io.chunking.job.CompletedRun;

/**
 * Writes each new score back to its profile with a <em>conditional</em> update: the profile's {@code score} and
 * {@code scoreVersion} are set, {@code rescoredBy} set to the run's job instance and {@code rescoreCount}
 * incremented, only where the profile's {@code scoreVersion} is still below the new version. The updates of one
 * write call go in one unordered {@code bulkWrite} of {@code updateOne}s.
 * <p>
 * Why not {@code MongoSink.upsert}: it replaces each document whole and unconditionally, which is idempotent for a
 * value (the same document written twice), but not for an increment, and it would overwrite a profile that a newer
 * version already rescored. Here a chunk that runs again after a partial write (a retry, a worker killed mid-chunk,
 * a restart after dead chunks) finds the profiles it already wrote at the new version and changes nothing: the
 * filter on the version is what makes the write idempotent, and {@code rescoreCount} shows it.
 * <p>
 * When the execution completes, {@link #completed} counts what the run did, in one paged pass over the profiles
 * ({@link RescoreTally}): {@code rescored} (profiles this job instance rescored), {@code unchanged} (profiles
 * already at the version or above that it did not touch), {@code behind} (profiles still below the version), and,
 * for the profiles at the version, {@code scoreBands} and {@code rescoreCounts} (profiles per
 * {@code rescoreCount}).
 */
final class RescoreSink implements ChunkSink<ProfileScore> {

	private final MongoClient mongo;

	private final String database;

	RescoreSink(MongoClient mongo, String database) {
		this.mongo = mongo;
		this.database = database;
	}

	@Override
	public ItemWriter<ProfileScore> open(ChunkAttempt attempt) {
		MongoDatabase database = this.mongo.getDatabase(this.database);
		MongoCollection<Document> profiles = database.getCollection(ProfilesJobs.PROFILES_COLLECTION);
		String fault = RescoreFaults.reason(attempt, database);
		long instance = attempt.jobInstanceId();
		return new ItemWriter<>() {

			private boolean failed;

			@Override
			public void write(Chunk<? extends ProfileScore> chunk) {
				List<? extends ProfileScore> scores = chunk.getItems();
				if (fault != null && !this.failed) {
					this.failed = true;
					int half = scores.size() / 2;
					update(profiles, scores.subList(0, half), instance);
					throw new IllegalStateException("Rescoring failed after writing " + half + " of "
							+ scores.size() + " profiles: " + fault);
				}
				update(profiles, scores, instance);
			}

		};
	}

	private static void update(MongoCollection<Document> profiles, List<? extends ProfileScore> scores,
			long instance) {
		if (scores.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> updates = new ArrayList<>(scores.size());
		for (ProfileScore score : scores) {
			Bson behind = Filters.and(Filters.eq("_id", score.id()), Filters.lt("scoreVersion", score.version()));
			updates.add(new UpdateOneModel<>(behind, Updates.combine(Updates.set("score", score.score()),
					Updates.set("scoreVersion", score.version()), Updates.set("rescoredBy", instance),
					Updates.inc("rescoreCount", 1))));
		}
		profiles.bulkWrite(updates, new BulkWriteOptions().ordered(false));
	}

	@Override
	public Map<String, Object> completed(CompletedRun run) {
		return RescoreTally.count(
				this.mongo.getDatabase(this.database).getCollection(ProfilesJobs.PROFILES_COLLECTION),
				run.arguments().getLong(ProfilesJobs.VERSION), run.jobInstanceId());
	}

	@Override
	public String toString() {
		return "mongodb:" + this.database + "." + ProfilesJobs.PROFILES_COLLECTION + " (conditional rescore)";
	}

}
