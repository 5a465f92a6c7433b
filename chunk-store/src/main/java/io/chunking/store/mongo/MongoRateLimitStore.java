package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;

import io.chunking.store.StoreException;
import io.chunking.store.ratelimit.RateLimitStore;

/**
 * {@link RateLimitStore} on a MongoDB collection, one document per limit:
 * {@code {_id: <name>, next: <epoch nanoseconds of the next free permit>, permits, perNanos}}. A reservation is a
 * compare-and-set: an {@code updateOne} filtered on the {@code next} it read (an insert for a limit's first one), so
 * two processes never take the same permits. The {@code next} this process wrote last is tried first, without
 * reading: a process that is alone on a limit reserves in one round trip. A lost compare-and-set reads again and
 * retries after a random pause of up to a few milliseconds, at most {@value #MAX_ATTEMPTS} times.
 */
public class MongoRateLimitStore implements RateLimitStore {

	/** The collection the auto-configuration uses unless {@code chunking.store.mongo.rate-limit-collection} is set. */
	public static final String DEFAULT_COLLECTION = "rateLimits";

	/** Most compare-and-set attempts of one reservation. */
	static final int MAX_ATTEMPTS = 20;

	private static final String NEXT = "next";

	private final MongoCollection<Document> limits;

	/** The {@code next} of each limit as this process last wrote it. */
	private final Map<String, Long> written = new ConcurrentHashMap<>();

	public MongoRateLimitStore(MongoCollection<Document> limits) {
		this.limits = limits;
	}

	@Override
	public OptionalLong reserve(Rate rate, int count, long now, long latest) {
		String what = "Reserving " + count + " permit(s) of rate limit '" + rate.name() + "'";
		long span = Math.multiplyExact(rate.intervalNanos(), (long) count);
		Long expected = this.written.get(rate.name());
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			if (expected == null) {
				Document limit = MongoCalls.call(what, () -> this.limits.find(eq("_id", rate.name())).first());
				if (limit == null) {
					if (now > latest) {
						return OptionalLong.empty();
					}
					if (insert(what, rate, now + span)) {
						return OptionalLong.of(now);
					}
					pause(attempt);
					continue;
				}
				expected = limit.get(NEXT, Number.class).longValue();
			}
			long first = Math.max(expected, now);
			if (first > latest) {
				return OptionalLong.empty();
			}
			long old = expected;
			long modified = MongoCalls.call(what,
					() -> this.limits
						.updateOne(and(eq("_id", rate.name()), eq(NEXT, old)),
								Updates.combine(Updates.set(NEXT, first + span), Updates.set("permits", rate.permits()),
										Updates.set("perNanos", rate.perNanos())))
						.getModifiedCount());
			if (modified == 1) {
				this.written.put(rate.name(), first + span);
				return OptionalLong.of(first);
			}
			expected = null;
			pause(attempt);
		}
		throw new StoreException(MongoCalls.STORE, what + " failed: other processes changed it in each of "
				+ MAX_ATTEMPTS + " attempts; a limit of such a high rate needs fewer processes sharing it", null);
	}

	/** Creates a limit's document; false if another process created it first. */
	private boolean insert(String what, Rate rate, long next) {
		return MongoCalls.call(what, () -> {
			try {
				this.limits.insertOne(new Document("_id", rate.name()).append(NEXT, next)
					.append("permits", rate.permits())
					.append("perNanos", rate.perNanos()));
				this.written.put(rate.name(), next);
				return true;
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				return false;
			}
		});
	}

	/** A random pause after a lost compare-and-set, growing with the attempts, at most 5 ms. */
	private static void pause(int attempt) {
		long maxMicros = Math.min(5_000, 250L * attempt);
		LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMicros + 1)));
	}

}
