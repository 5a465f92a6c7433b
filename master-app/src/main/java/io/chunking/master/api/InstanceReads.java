package io.chunking.master.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import io.chunking.master.security.RecentEntries;

/**
 * Values read from the ledger per job instance and shared by every request for a time to live from the start of
 * their read: however many clients ask, and however often, an instance is read at most once per time to live.
 * Requests that arrive while a value is read wait for that read rather than start their own, so reads of one
 * instance never overlap, however long one takes. A failed read is not kept: the next request reads again. At most
 * {@code maxInstances} values are kept, the least recently asked for dropped first.
 *
 * @param <V> the value read for an instance
 */
final class InstanceReads<V> {

	private final String what;

	private final LongFunction<V> read;

	private final long ttlNanos;

	private final LongSupplier nanoTime;

	private final Map<Long, Entry<V>> entries;

	/**
	 * @param what what is read, for the message of an interrupted wait ("the chunk map")
	 * @param read reads the value of a job instance
	 * @param ttl how long a value is answered without reading again, from the start of its read
	 * @param maxInstances most job instances whose value is kept
	 * @param nanoTime the clock the time to live goes by
	 */
	InstanceReads(String what, LongFunction<V> read, Duration ttl, int maxInstances, LongSupplier nanoTime) {
		this.what = what;
		this.read = read;
		this.ttlNanos = ttl.toNanos();
		this.nanoTime = nanoTime;
		this.entries = new RecentEntries<>(maxInstances);
	}

	V get(long jobInstanceId) {
		long now = this.nanoTime.getAsLong();
		Entry<V> entry;
		boolean reads = false;
		synchronized (this.entries) {
			entry = this.entries.get(jobInstanceId);
			// A read in progress is waited for, however long it takes: reads of one instance never overlap.
			if (entry == null || (entry.value.isDone() && now - entry.readAt >= this.ttlNanos)) {
				entry = new Entry<>(new FutureTask<>(() -> this.read.apply(jobInstanceId)), now);
				this.entries.put(jobInstanceId, entry);
				reads = true;
			}
		}
		if (reads) {
			entry.value.run();
		}
		try {
			return entry.value.get();
		}
		catch (ExecutionException ex) {
			forget(jobInstanceId, entry);
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading " + this.what + " of job instance "
					+ jobInstanceId, ex);
		}
	}

	private void forget(long jobInstanceId, Entry<V> failed) {
		synchronized (this.entries) {
			this.entries.remove(jobInstanceId, failed);
		}
	}

	private static final class Entry<V> {

		final FutureTask<V> value;

		/** When the read began: the value is at least as new as that. */
		final long readAt;

		Entry(FutureTask<V> value, long readAt) {
			this.value = value;
			this.readAt = readAt;
		}

	}

}
