package io.chunking.samples.fetchcache;

import java.util.Date;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

/**
 * The cache: one document per key, {@code _id} the key, in the collection {@value #COLLECTION}. A key is
 * {@value #IN_PROGRESS} in a batch from its first request until the fetch job stores it {@value #DONE} with its
 * value or {@value #FAILED} with the origin's error. The web app creates entries and the job completes them; both
 * change an entry only from the state they expect, so each step happens once however many requests or attempts race.
 */
public final class CacheEntries {

	/** Collection of the cache, in the samples' database ({@code chunking.samples.mongo-database}). */
	public static final String COLLECTION = "fetch_cache";

	public static final String STATUS = "status";

	public static final String BATCH = "batch";

	/** When the entry was created or last claimed into a batch. */
	public static final String SINCE = "since";

	public static final String VALUE = "value";

	public static final String ERROR = "error";

	public static final String FETCHED_AT = "fetchedAt";

	public static final String IN_PROGRESS = "IN_PROGRESS";

	public static final String DONE = "DONE";

	public static final String FAILED = "FAILED";

	private final MongoCollection<Document> collection;

	public CacheEntries(MongoCollection<Document> collection) {
		this.collection = collection;
	}

	/** Indexes the entries by batch, which the job's source filters on. */
	public CacheEntries indexed() {
		this.collection.createIndex(Indexes.ascending(BATCH));
		return this;
	}

	public @Nullable Document find(String key) {
		return this.collection.find(Filters.eq("_id", key)).first();
	}

	/**
	 * Records a key as in progress in a batch, unless it has an entry already.
	 * @return whether this call created the entry (exactly one of racing calls does: {@code _id} is unique)
	 */
	public boolean create(String key, String batch) {
		try {
			this.collection.insertOne(new Document("_id", key).append(STATUS, IN_PROGRESS)
				.append(BATCH, batch)
				.append(SINCE, new Date()));
			return true;
		}
		catch (MongoWriteException ex) {
			if (ErrorCategory.fromErrorCode(ex.getCode()) == ErrorCategory.DUPLICATE_KEY) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Moves an entry still in progress in {@code staleBatch} since {@code since} to another batch: for keys whose
	 * batch never completed them (a trigger that failed, an execution that failed).
	 * @return whether this call moved it (exactly one of racing calls does)
	 */
	public boolean reclaim(String key, String staleBatch, Date since, String batch) {
		return this.collection.updateOne(
				Filters.and(Filters.eq("_id", key), Filters.eq(STATUS, IN_PROGRESS), Filters.eq(BATCH, staleBatch),
						Filters.eq(SINCE, since)),
				Updates.combine(Updates.set(BATCH, batch), Updates.set(SINCE, new Date())))
			.getModifiedCount() == 1;
	}

	/** Whether the key is still to be fetched. */
	public boolean inProgress(String key) {
		return this.collection.find(Filters.and(Filters.eq("_id", key), Filters.eq(STATUS, IN_PROGRESS)))
			.projection(new Document("_id", 1))
			.first() != null;
	}

	/** Stores a fetched value, if the entry is still in progress. */
	public void done(String key, String value) {
		complete(key, Updates.combine(Updates.set(STATUS, DONE), Updates.set(VALUE, value)));
	}

	/** Stores a permanent error, if the entry is still in progress. */
	public void failed(String key, String error) {
		complete(key, Updates.combine(Updates.set(STATUS, FAILED), Updates.set(ERROR, error)));
	}

	private void complete(String key, Bson update) {
		this.collection.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq(STATUS, IN_PROGRESS)),
				Updates.combine(update, Updates.set(FETCHED_AT, new Date())));
	}

	/** The filter of a batch's entries still to fetch. */
	public static Bson toFetch(String batch) {
		return Filters.and(Filters.eq(BATCH, batch), Filters.eq(STATUS, IN_PROGRESS));
	}

}
