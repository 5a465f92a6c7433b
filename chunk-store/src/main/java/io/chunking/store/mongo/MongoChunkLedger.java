package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static io.chunking.store.mongo.ChunkDocuments.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.jspecify.annotations.Nullable;

import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ChunkStatusEntry;
import io.chunking.store.ChunkTiming;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.UnclaimedChunk;

/**
 * {@link ChunkLedger} on a MongoDB collection, one document per chunk. Every transition is one
 * {@code findOneAndUpdate} whose filter states the expected status, attempt and worker, which MongoDB applies
 * atomically to a single document: no transactions are needed.
 */
public class MongoChunkLedger implements ChunkLedger {

	/** Number of past attempt errors kept on a chunk document. */
	static final int ERROR_HISTORY = 10;

	/** The terminal statuses first: see {@link #count}. */
	private static final List<ChunkStatus> COUNT_ORDER = List.of(ChunkStatus.SUCCEEDED, ChunkStatus.DEAD,
			ChunkStatus.FAILED, ChunkStatus.RUNNING, ChunkStatus.PENDING);

	/** Beyond this many chunks, {@link #stream} reads them in windows of chunk indexes. */
	private static final int STREAM_AT_ONCE = 1000;

	/** The largest first page {@link #page} looks up by chunk index. */
	private static final int PAGE_LOOKUPS = IndexWindows.LOOKUPS;

	/** How many times {@link #count} reads counts that do not add up before it answers with the last ones. */
	private static final int COUNT_READS = 3;

	private static final FindOneAndUpdateOptions RETURN_AFTER = new FindOneAndUpdateOptions()
		.returnDocument(ReturnDocument.AFTER);

	private final MongoCollection<Document> chunks;

	public MongoChunkLedger(MongoCollection<Document> chunks) {
		this.chunks = chunks;
	}

	@Override
	public void initialize() {
		MongoCalls.run("Creating the chunk ledger's indexes", () -> {
			this.chunks.createIndex(Indexes.ascending(INSTANCE, INDEX),
					new IndexOptions().unique(true).name("chunk_key"));
			this.chunks.createIndex(Indexes.ascending(INSTANCE, STATUS, INDEX),
					new IndexOptions().name("chunk_status"));
		});
	}

	@Override
	public void record(List<NewChunk> newChunks, @Nullable Instant dispatchedAt) {
		if (newChunks.isEmpty()) {
			return;
		}
		Instant now = Instant.now();
		List<Document> documents = new ArrayList<>(newChunks.size());
		for (NewChunk chunk : newChunks) {
			Document pending = pending(chunk, now);
			if (dispatchedAt != null) {
				pending.append(DISPATCHED_AT, Date.from(dispatchedAt)).append(DISPATCHES, 1);
			}
			documents.add(pending);
		}
		MongoCalls.run("Recording " + newChunks.size() + " chunks", () -> {
			try {
				this.chunks.insertMany(documents, new InsertManyOptions().ordered(false));
			}
			catch (MongoBulkWriteException ex) {
				// A retry of a call whose outcome was unknown: the chunks it had recorded are there already.
				boolean onlyDuplicates = ex.getWriteErrors()
					.stream()
					.allMatch((error) -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
				if (!onlyDuplicates) {
					throw ex;
				}
			}
		});
	}

	@Override
	public long deleteAll(long jobInstanceId) {
		return MongoCalls.call("Deleting the chunks of job instance " + jobInstanceId,
				() -> this.chunks.deleteMany(eq(INSTANCE, jobInstanceId)).getDeletedCount());
	}

	@Override
	public Optional<ChunkRecord> find(ChunkKey key) {
		return MongoCalls.call("Reading " + key,
				() -> Optional.ofNullable(this.chunks.find(key(key)).first()).map(ChunkDocuments::toRecord));
	}

	@Override
	public Optional<ChunkClaim> claim(ChunkKey key, String workerId, Duration lease, Instant now) {
		Instant expiry = now.plus(lease);
		Bson filter = and(key(key), eq(STATUS, ChunkStatus.PENDING.name()), ne(HELD, true));
		Bson update = Updates.combine(Updates.set(STATUS, ChunkStatus.RUNNING.name()), Updates.inc(ATTEMPT, 1),
				Updates.set(WORKER, workerId), Updates.set(LEASE, Date.from(expiry)),
				Updates.set(STARTED, Date.from(now)), Updates.unset(FINISHED));
		return MongoCalls.call("Claiming " + key,
				() -> Optional.ofNullable(this.chunks.findOneAndUpdate(filter, update, RETURN_AFTER)))
			.map(ChunkDocuments::toRecord)
			.map((record) -> new ChunkClaim(key, record.attempt(), workerId, expiry, record));
	}

	@Override
	public Optional<ChunkClaim> renew(ChunkClaim claim, Duration lease, Instant now) {
		Instant expiry = now.plus(lease);
		Document updated = MongoCalls.call("Renewing the lease of " + claim.key(),
				() -> this.chunks.findOneAndUpdate(held(claim), Updates.set(LEASE, Date.from(expiry)), RETURN_AFTER));
		return Optional.ofNullable(updated)
			.map((doc) -> new ChunkClaim(claim.key(), claim.attempt(), claim.workerId(), expiry, toRecord(doc)));
	}

	@Override
	public boolean complete(ChunkClaim claim, ChunkOutcome outcome, Instant now) {
		ItemCounts counts = outcome.counts();
		List<Bson> updates = new ArrayList<>(List.of(Updates.set(STATUS, ChunkStatus.SUCCEEDED.name()),
				Updates.unset(LEASE), Updates.set(FINISHED, Date.from(now)), Updates.set(READ, counts.read()),
				Updates.set(WRITTEN, counts.written()), Updates.set(SKIPPED, counts.skipped()),
				Updates.set(RESULT_KEY, outcome.resultKey())));
		if (!outcome.skips().isEmpty()) {
			updates.add(Updates.set(SKIPS, ChunkDocuments.skips(outcome.skips())));
		}
		Bson update = Updates.combine(updates);
		String what = "Completing attempt " + claim.attempt() + " of " + claim.key();
		if (MongoCalls.call(what, () -> this.chunks.findOneAndUpdate(held(claim), update)) != null) {
			return true;
		}
		Document current = MongoCalls.call(what, () -> this.chunks.find(key(claim.key())).first());
		if (current != null && isCompletedBy(current, claim, outcome)) {
			// A retry of this very completion, whose first try was applied but not answered.
			return true;
		}
		Document rejection = new Document(ATTEMPT, claim.attempt()).append(WORKER, claim.workerId())
			.append("at", Date.from(now));
		MongoCalls.run(what, () -> this.chunks.updateOne(key(claim.key()),
				Updates.pushEach(REJECTED, List.of(rejection), new PushOptions().slice(-ERROR_HISTORY))));
		return false;
	}

	private static boolean isCompletedBy(Document chunk, ChunkClaim claim, ChunkOutcome outcome) {
		return ChunkStatus.SUCCEEDED.name().equals(chunk.getString(STATUS))
				&& chunk.get(ATTEMPT) instanceof Number attempt && attempt.intValue() == claim.attempt()
				&& claim.workerId().equals(chunk.getString(WORKER))
				&& java.util.Objects.equals(outcome.resultKey(), chunk.getString(RESULT_KEY));
	}

	@Override
	public boolean fail(ChunkClaim claim, ChunkError error, Instant now) {
		return MongoCalls.call("Recording the failure of attempt " + claim.attempt() + " of " + claim.key(),
				() -> this.chunks.findOneAndUpdate(held(claim), failure(error, now))) != null;
	}

	@Override
	public boolean expire(ChunkRecord running, Instant now) {
		Bson filter = and(key(running.key()), eq(STATUS, ChunkStatus.RUNNING.name()), eq(ATTEMPT, running.attempt()),
				lt(LEASE, Date.from(now)));
		ChunkError error = new ChunkError("io.chunking.LeaseExpired",
				"Lease of attempt " + running.attempt() + " expired at " + running.leaseExpiresAt() + ": worker "
						+ running.workerId() + " stopped renewing it (process died, hung or lost its connection)",
				running.workerId(), running.attempt(), now);
		return MongoCalls.call("Expiring the lease of " + running.key(),
				() -> this.chunks.findOneAndUpdate(filter, failure(error, now))) != null;
	}

	private static Bson failure(ChunkError error, Instant now) {
		Document errorDoc = error(error);
		return Updates.combine(Updates.set(STATUS, ChunkStatus.FAILED.name()), Updates.unset(LEASE),
				Updates.set(FINISHED, Date.from(now)), Updates.set(LAST_ERROR, errorDoc),
				Updates.pushEach(ERRORS, List.of(errorDoc), new PushOptions().slice(-ERROR_HISTORY)));
	}

	@Override
	public boolean retry(ChunkRecord failed, Instant now) {
		return MongoCalls.call("Requeueing " + failed.key(),
				() -> this.chunks.findOneAndUpdate(stillFailed(failed),
						Updates.combine(Updates.set(STATUS, ChunkStatus.PENDING.name()), Updates.unset(DISPATCHED_AT),
								Updates.set(DISPATCHES, 0)))) != null;
	}

	@Override
	public boolean bury(ChunkRecord failed, Instant now) {
		return MongoCalls.call("Burying " + failed.key(),
				() -> this.chunks.findOneAndUpdate(stillFailed(failed), Updates
					.combine(Updates.set(STATUS, ChunkStatus.DEAD.name()), Updates.set(FINISHED, Date.from(now))))) != null;
	}

	private static Bson stillFailed(ChunkRecord failed) {
		return and(key(failed.key()), eq(STATUS, ChunkStatus.FAILED.name()), eq(ATTEMPT, failed.attempt()));
	}

	@Override
	public long resetUnfinished(long jobInstanceId, long jobExecutionId) {
		Bson filter = and(eq(INSTANCE, jobInstanceId),
				or(in(STATUS, ChunkStatus.FAILED.name(), ChunkStatus.DEAD.name()), eq(HELD, true)));
		Bson update = Updates.combine(Updates.set(STATUS, ChunkStatus.PENDING.name()), Updates.set(ATTEMPT, 0),
				Updates.set(EXECUTION, jobExecutionId), Updates.unset(LEASE), Updates.unset(FINISHED),
				Updates.unset(HELD), Updates.unset(DISPATCHED_AT), Updates.set(DISPATCHES, 0));
		return MongoCalls.call("Resetting the unfinished chunks of job instance " + jobInstanceId,
				() -> this.chunks.updateMany(filter, update).getModifiedCount());
	}

	@Override
	public long hold(long jobInstanceId) {
		Bson filter = and(eq(INSTANCE, jobInstanceId), eq(STATUS, ChunkStatus.PENDING.name()));
		return MongoCalls.call("Holding the pending chunks of job instance " + jobInstanceId,
				() -> this.chunks.updateMany(filter, Updates.set(HELD, true)).getModifiedCount());
	}

	private static Bson held(ChunkClaim claim) {
		return and(key(claim.key()), eq(STATUS, ChunkStatus.RUNNING.name()), eq(ATTEMPT, claim.attempt()),
				eq(WORKER, claim.workerId()));
	}

	@Override
	public void dispatched(long jobInstanceId, Collection<Integer> chunkIndexes, Instant at) {
		if (chunkIndexes.isEmpty()) {
			return;
		}
		Bson filter = and(eq(INSTANCE, jobInstanceId), in(INDEX, chunkIndexes));
		MongoCalls.run("Recording the dispatch of " + chunkIndexes.size() + " chunks of job instance " + jobInstanceId,
				() -> this.chunks.updateMany(filter,
						Updates.combine(Updates.set(DISPATCHED_AT, Date.from(at)), Updates.inc(DISPATCHES, 1))));
	}

	@Override
	public List<UnclaimedChunk> unclaimed(long jobInstanceId, Instant dispatchedBefore, int limit) {
		Bson filter = and(eq(INSTANCE, jobInstanceId), eq(STATUS, ChunkStatus.PENDING.name()), ne(HELD, true),
				or(exists(DISPATCHED_AT, false), lt(DISPATCHED_AT, Date.from(dispatchedBefore))));
		return MongoCalls.call("Reading the unclaimed chunks of job instance " + jobInstanceId, () -> {
			List<UnclaimedChunk> unclaimed = new ArrayList<>();
			for (Document doc : this.chunks.find(filter)
				.sort(Sorts.ascending(DISPATCHED_AT, INDEX))
				.limit(limit)) {
				Date at = doc.getDate(DISPATCHED_AT);
				unclaimed.add(new UnclaimedChunk(new ChunkKey(jobInstanceId, ((Number) doc.get(INDEX)).intValue()),
						(at != null) ? at.toInstant() : null,
						(doc.get(DISPATCHES) instanceof Number dispatches) ? dispatches.intValue() : 0));
			}
			return unclaimed;
		});
	}

	@Override
	public ChunkCounts count(long jobInstanceId) {
		return MongoCalls.call("Counting the chunks of job instance " + jobInstanceId, () -> {
			// One count per status rather than one $group by status: each is answered from the status index alone
			// (a covered count on MongoDB, and on the embedded server), where grouping reads every chunk document of
			// the instance, which at 100,000 chunks took a second a poll. The counts are not read at one instant, so
			// the terminal statuses come first and the total last (ChunkCounts), and a set that does not add up
			// because chunks moved meanwhile is read again, a bounded number of times.
			Map<ChunkStatus, Long> counts = new EnumMap<>(ChunkStatus.class);
			long total = 0;
			for (int read = 0; read < COUNT_READS; read++) {
				counts.clear();
				long sum = 0;
				for (ChunkStatus status : COUNT_ORDER) {
					long count = this.chunks.countDocuments(and(eq(INSTANCE, jobInstanceId), eq(STATUS, status.name())));
					counts.put(status, count);
					sum += count;
				}
				total = chunkCount(jobInstanceId);
				if (sum == total) {
					break;
				}
			}
			return new ChunkCounts(counts, total);
		});
	}

	@Override
	public ItemCounts itemCounts(long jobInstanceId) {
		Document sums = MongoCalls.call("Summing the item counts of job instance " + jobInstanceId,
				() -> this.chunks
					.aggregate(List.of(
							Aggregates.match(and(eq(INSTANCE, jobInstanceId), eq(STATUS, ChunkStatus.SUCCEEDED.name()))),
							Aggregates.group(null, Accumulators.sum("read", "$" + READ),
									Accumulators.sum("written", "$" + WRITTEN),
									Accumulators.sum("skipped", "$" + SKIPPED))))
					.first());
		if (sums == null) {
			return ItemCounts.ZERO;
		}
		return new ItemCounts(((Number) sums.get("read")).longValue(), ((Number) sums.get("written")).longValue(),
				((Number) sums.get("skipped")).longValue());
	}

	@Override
	public List<ChunkRecord> page(long jobInstanceId, @Nullable ChunkStatus status, int page, int size) {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException("page must be >= 0 and size >= 1, were " + page + " and " + size);
		}
		long skip = (long) page * size;
		if (skip > Integer.MAX_VALUE) {
			// Chunk indexes are ints: no instance has that many chunks, and Mongo's skip takes an int.
			return List.of();
		}
		Bson filter = (status != null) ? and(eq(INSTANCE, jobInstanceId), eq(STATUS, status.name()))
				: eq(INSTANCE, jobInstanceId);
		return MongoCalls.call("Reading a page of the chunks of job instance " + jobInstanceId, () -> {
			if (status == null && page == 0 && size <= PAGE_LOOKUPS) {
				List<ChunkRecord> first = firstPage(jobInstanceId, size);
				if (first != null) {
					return first;
				}
			}
			List<ChunkRecord> records = new ArrayList<>(size);
			for (Document doc : this.chunks.find(filter).sort(Sorts.ascending(INDEX)).skip((int) skip).limit(size)) {
				records.add(toRecord(doc));
			}
			return records;
		});
	}

	/**
	 * The first page of all chunks looked up by their indexes, each a lookup in the unique key index, where skipping
	 * and limiting reads and sorts every chunk of the instance (two seconds at 100,000 chunks on the embedded
	 * server). The slicer numbers chunks from 0 without gaps, so the chunks numbered below the page size are the
	 * first page; that is checked, not assumed: if fewer are found while the instance has more chunks, which only
	 * other numbering would cause, this answers {@code null} and the caller reads the page as before. Later pages
	 * cannot be checked as cheaply and are read as before.
	 */
	private @Nullable List<ChunkRecord> firstPage(long jobInstanceId, int size) {
		List<ChunkRecord> records = new ArrayList<>(size);
		for (Document doc : this.chunks.find(and(eq(INSTANCE, jobInstanceId), in(INDEX, IndexWindows.indexes(0, size))))
			.sort(Sorts.ascending(INDEX))) {
			records.add(toRecord(doc));
		}
		if (records.size() < size && chunkCount(jobInstanceId) > records.size()) {
			return null;
		}
		return records;
	}

	@Override
	public Stream<ChunkRecord> stream(long jobInstanceId, List<ChunkStatus> statuses) {
		return read("Reading the chunks of job instance " + jobInstanceId, jobInstanceId, statuses)
			.map(ChunkDocuments::toRecord);
	}

	/**
	 * Reads the index and status of the chunks only, grouped by status in windows of chunk indexes
	 * ({@link StatusWindows}): aggregations that MongoDB, and the embedded server, answer from the status index
	 * alone, reading no chunk document.
	 */
	@Override
	public Stream<ChunkStatusEntry> statuses(long jobInstanceId) {
		String what = "Reading the chunk statuses of job instance " + jobInstanceId;
		long total = MongoCalls.call(what, () -> chunkCount(jobInstanceId));
		return stream(what, new StatusWindows(this.chunks, what, jobInstanceId, total));
	}

	/**
	 * Looks the succeeded chunks up in the status index in windows of indexes, downwards from the bound: each
	 * window reads the documents of the succeeded chunks it holds and no other, on MongoDB as on the embedded server,
	 * where a query of all succeeded chunks sorted and limited would read every one of them.
	 */
	@Override
	public List<ChunkTiming> succeededBelow(long jobInstanceId, int belowIndex, int limit) {
		String what = "Reading the timings of succeeded chunks of job instance " + jobInstanceId;
		Bson projection = Projections.fields(Projections.include(INDEX, STARTED, FINISHED), Projections.excludeId());
		List<ChunkTiming> timings = new ArrayList<>();
		for (long to = belowIndex; to > 0 && timings.size() < limit; to -= IndexWindows.LOOKUPS) {
			Bson window = and(eq(INSTANCE, jobInstanceId),
					in(INDEX, IndexWindows.indexes(Math.max(0, to - IndexWindows.LOOKUPS), to)),
					eq(STATUS, ChunkStatus.SUCCEEDED.name()));
			List<Document> found = MongoCalls.call(what, () -> this.chunks.find(window)
				.projection(projection)
				.sort(Sorts.descending(INDEX))
				.limit(limit - timings.size())
				.into(new ArrayList<>()));
			for (Document doc : found) {
				Date started = doc.getDate(STARTED);
				Date finished = doc.getDate(FINISHED);
				if (started != null && finished != null) {
					timings.add(new ChunkTiming(((Number) doc.get(INDEX)).intValue(), started.toInstant(),
							finished.toInstant()));
				}
			}
		}
		return timings;
	}

	/**
	 * The instance's chunks in the statuses, in index order, as the stream is consumed: by one query if they are
	 * few, else in {@link IndexWindows}.
	 */
	private Stream<Document> read(String what, long jobInstanceId, List<ChunkStatus> statuses) {
		List<String> names = statuses.stream().map(ChunkStatus::name).toList();
		Bson inStatuses = and(eq(INSTANCE, jobInstanceId), in(STATUS, names));
		long matching = MongoCalls.call(what, () -> this.chunks.countDocuments(inStatuses));
		Iterator<Document> documents = (matching <= STREAM_AT_ONCE) ? all(what, inStatuses)
				: new IndexWindows(this.chunks, what, jobInstanceId, names,
						MongoCalls.call(what, () -> chunkCount(jobInstanceId)));
		return stream(what, documents);
	}

	/**
	 * The items as a stream whose reads fail as the store's calls do, closing the items if they are a cursor when
	 * the stream is closed.
	 */
	private static <T> Stream<T> stream(String what, Iterator<T> items) {
		Iterator<T> guarded = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return MongoCalls.call(what, items::hasNext);
			}

			@Override
			public T next() {
				return MongoCalls.call(what, items::next);
			}

		};
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(guarded, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(() -> {
				if (items instanceof MongoCursor<?> cursor) {
					cursor.close();
				}
			});
	}

	/** How many chunks the instance has, in any status: a count the status index covers. */
	private long chunkCount(long jobInstanceId) {
		return this.chunks.countDocuments(eq(INSTANCE, jobInstanceId));
	}

	private MongoCursor<Document> all(String what, Bson filter) {
		return MongoCalls.call(what, () -> this.chunks.find(filter)
			.sort(Sorts.ascending(INDEX))
			.batchSize(1000)
			.iterator());
	}

}
