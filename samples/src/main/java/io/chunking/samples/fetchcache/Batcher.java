package io.chunking.samples.fetchcache;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Groups the keys to fetch into batches and triggers the job once per batch. A batch is open for {@code interval}
 * after it was opened, or until it holds {@code maxKeys} keys, whichever comes first; then it is closed, a new one
 * opens, and the closed one, if it has keys, is triggered on a separate thread ({@link JobTrigger}).
 * <p>
 * An entry is created in the open batch under a read lock, and a batch is closed under the write lock, so the job of
 * a closed batch is triggered only once every entry of that batch is in MongoDB: its source reads them all.
 */
final class Batcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Batcher.class);

	/** Most times a key is offered to a batch that filled up before it gets into one. */
	private static final int MAX_OFFERS = 100;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final CacheEntries cache;

	private final JobTrigger trigger;

	private final int maxKeys;

	private final Duration interval;

	private final String prefix = Long.toString(System.currentTimeMillis(), 36);

	private final AtomicLong sequence = new AtomicLong();

	private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService triggers = Executors.newFixedThreadPool(4);

	private final Map<String, Long> triggered = new ConcurrentHashMap<>();

	private final Map<String, String> rejected = new ConcurrentHashMap<>();

	private volatile Batch open;

	Batcher(CacheEntries cache, JobTrigger trigger, int maxKeys, Duration interval) {
		this.cache = cache;
		this.trigger = trigger;
		this.maxKeys = maxKeys;
		this.interval = interval;
		this.open = open();
	}

	/**
	 * Puts a key into the open batch: creates its entry, or, for a stale entry, moves it from its batch.
	 * @param stale the key's entry if it is stale, else {@code null} (the key has none)
	 * @return the batch, or {@code null} if another request created or moved the entry first
	 */
	@Nullable String add(String key, @Nullable StaleEntry stale) {
		for (int offer = 0; offer < MAX_OFFERS; offer++) {
			Batch batch;
			this.lock.readLock().lock();
			try {
				batch = this.open;
				if (batch.keys.incrementAndGet() <= this.maxKeys) {
					boolean added = (stale != null) ? this.cache.reclaim(key, stale.batch(), stale.since(), batch.id)
							: this.cache.create(key, batch.id);
					if (!added) {
						batch.keys.decrementAndGet();
						return null;
					}
					return batch.id;
				}
				batch.keys.decrementAndGet();
			}
			finally {
				this.lock.readLock().unlock();
			}
			close(batch);
		}
		throw new IllegalStateException("Key " + key + " found no batch with room in " + MAX_OFFERS + " offers");
	}

	/** The batches triggered so far, with their execution ids. */
	Map<String, Long> triggered() {
		return Map.copyOf(this.triggered);
	}

	/** The batches whose trigger failed, with the reason. */
	Map<String, String> rejected() {
		return Map.copyOf(this.rejected);
	}

	private Batch open() {
		Batch batch = new Batch(this.prefix + "-" + this.sequence.incrementAndGet());
		if (!this.closer.isShutdown()) {
			this.closer.schedule(() -> close(batch), this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
		return batch;
	}

	private void close(Batch batch) {
		this.lock.writeLock().lock();
		try {
			if (this.open != batch) {
				return;
			}
			this.open = open();
		}
		finally {
			this.lock.writeLock().unlock();
		}
		int keys = batch.keys.get();
		if (keys > 0) {
			this.triggers.execute(() -> trigger(batch.id, keys));
		}
	}

	private void trigger(String batch, int keys) {
		try {
			long execution = this.trigger.trigger(batch);
			this.triggered.put(batch, execution);
			logger.info("Batch " + batch + " (" + keys + " keys) is execution " + execution);
		}
		catch (JobTrigger.Rejected ex) {
			this.rejected.put(batch, ex.getMessage());
			logger.error(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.rejected.put(batch, "interrupted while triggering");
		}
	}

	/** Closes the open batch (triggering it) and waits at most 30 s for the triggers under way. */
	@Override
	public void close() throws InterruptedException {
		this.closer.shutdownNow();
		close(this.open);
		this.triggers.shutdown();
		if (!this.triggers.awaitTermination(30, TimeUnit.SECONDS)) {
			logger.warn("Triggers still under way after 30 s are abandoned");
			this.triggers.shutdownNow();
		}
	}

	/** A batch: its id and how many keys it holds. */
	private static final class Batch {

		final String id;

		final AtomicInteger keys = new AtomicInteger();

		Batch(String id) {
			this.id = id;
		}

	}

	/**
	 * An entry still in progress in a batch that did not complete it.
	 *
	 * @param batch its batch
	 * @param since when it joined that batch
	 */
	record StaleEntry(String batch, Date since) {
	}

}
