package io.chunking.samples.fetchcache;

import java.net.URI;
import java.time.Duration;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.mongodb.client.MongoClient;

import io.chunking.connectors.mongo.MongoSource;
import io.chunking.job.AttemptWriter;
import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.RateLimit;

/**
 * The job {@value #NAME}: fetches the keys of one batch of the cache ({@value #BATCH} parameter) from the origin,
 * 16 at a time per chunk attempt and within a rate limit on the origin's host shared by every worker, and stores
 * each value (or permanent error) in the cache as soon as it arrives ({@link OriginFetcher}). Its source is the
 * batch's entries still in progress, so a batch triggered twice fetches nothing twice; its result counts the keys
 * {@code fetched}, {@code failed} and {@code cached} (stored already).
 */
public final class FetchCacheJob {

	public static final String NAME = "fetch-cache";

	/** The parameter naming the batch to fetch, as the web app records it in each entry. */
	public static final String BATCH = "batch";

	/**
	 * The parameter listing chunks whose first attempt fails after all its keys were fetched and stored, as a worker
	 * that dies before completing the chunk would: its retry must find them stored and fetch none again.
	 */
	public static final String FAIL_AFTER_FETCH = "failAfterFetch";

	/** Keys fetched at once by one chunk attempt. */
	public static final int CONCURRENCY = 16;

	private FetchCacheJob() {
	}

	/**
	 * The job's definition.
	 * @param mongo the client of the cache's server
	 * @param database the cache's database
	 * @param origin base URL of the origin, a key's value at {@code <origin>/<key>}
	 * @param requestsPerSecond the origin's rate limit
	 * @param timeout of one request to the origin
	 */
	public static ChunkedJobDefinition<String, Fetched> definition(MongoClient mongo, String database, String origin,
			int requestsPerSecond, Duration timeout) {
		CacheEntries cache = new CacheEntries(mongo.getDatabase(database).getCollection(CacheEntries.COLLECTION));
		return ChunkedJob.named(NAME)
			.description("Fetches the keys of one batch of the fetch-cache sample from its origin into the cache")
			.parameter(JobParameterSpec.stringParam(BATCH, null, "The batch of keys to fetch, as the web app named it")
				.requiredValue())
			.parameter(JobParameterSpec.longParam("chunkSize", 50, "Keys per chunk"))
			.parameter(JobParameterSpec.intListParam(FAIL_AFTER_FETCH,
					"Chunks whose first attempt fails after fetching and storing all its keys (to see none refetched)"))
			.items(MongoSource.collection(mongo, database, CacheEntries.COLLECTION)
				.filter((args) -> CacheEntries.toFetch(args.getString(BATCH)))
				.map((entry) -> entry.getString("_id")))
			.processor(new OriginFetcher(cache, origin, timeout))
			.chunkSizeParameter("chunkSize")
			.concurrency(CONCURRENCY)
			.rateLimit(RateLimit.perSecond("origin:" + host(origin), requestsPerSecond))
			.writerPerAttempt(FetchCacheJob::failAfterFetch)
			.aggregate(new FetchCounts())
			.build();
	}

	private static String host(String origin) {
		URI uri = URI.create(origin);
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("chunking.samples.fetch-cache.origin must be an http(s) URL with a host, "
					+ "was '" + origin + "'");
		}
		return uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	/** Nothing to write (each value was stored when it arrived), except to fail the attempts asked for. */
	private static ItemWriter<Fetched> failAfterFetch(ChunkAttempt attempt) {
		boolean fail = attempt.attempt() == 1
				&& attempt.arguments().getIntList(FAIL_AFTER_FETCH).contains(attempt.chunkIndex());
		return new AttemptWriter<>() {

			@Override
			public void write(Chunk<? extends Fetched> chunk) {
			}

			@Override
			public void commit() {
				if (fail) {
					throw new IllegalStateException("Attempt 1 of chunk " + attempt.chunkIndex()
							+ " fails after fetching its keys (" + FAIL_AFTER_FETCH + ")");
				}
			}

		};
	}

}
