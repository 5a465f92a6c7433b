package io.chunking.master.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.chunking.store.ChunkLedger;
import io.chunking.store.ItemCounts;

/**
 * The item counts of running executions for the API, read from the ledger at most about once per window however
 * many clients poll, and without making a poll wait for the read. Summing the item counts of a job instance reads
 * every succeeded chunk (on the embedded server, about a second at 100,000 chunks), and every
 * {@code GET /api/executions/{id}} showed them: polls of a large execution took seconds each and their cost grew
 * with the number of clients.
 * <p>
 * A value younger than the window is answered as is. An older one is answered while one background read replaces it,
 * unless it is older than three windows (no one asked for a while), when the poll reads it itself. The window is the
 * larger of one second and ten times the last read's duration, so that reading costs at most about a tenth of a core
 * at any size; counts of running executions are up to a window old (documented). Ended executions are not served
 * from here: their counts are read exactly.
 */
final class RunningItemCounts {

	private static final Log logger = LogFactory.getLog(RunningItemCounts.class);

	static final Duration MIN_WINDOW = Duration.ofSeconds(1);

	private static final int WINDOW_PER_READ = 10;

	private static final int MAX_INSTANCES = 1_000;

	private final ChunkLedger ledger;

	private final LongSupplier nanoTime;

	private final ExecutorService refresher;

	private final Map<Long, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
			return size() > MAX_INSTANCES;
		}

	};

	RunningItemCounts(ChunkLedger ledger, LongSupplier nanoTime, ExecutorService refresher) {
		this.ledger = ledger;
		this.nanoTime = nanoTime;
		this.refresher = refresher;
	}

	/** One daemon thread, with a queue no longer than the instances it may refresh. */
	static ExecutorService refresher() {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_INSTANCES),
				(task) -> {
					Thread thread = new Thread(task, "api-item-counts");
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.DiscardPolicy());
	}

	ItemCounts get(long jobInstanceId) {
		long now = this.nanoTime.getAsLong();
		Entry entry;
		synchronized (this.entries) {
			entry = this.entries.get(jobInstanceId);
			if (entry != null && now - entry.readAt < entry.window()) {
				return entry.counts;
			}
			if (entry != null && now - entry.readAt < 3 * entry.window()) {
				if (!entry.refreshing) {
					entry.refreshing = true;
					this.refresher.execute(() -> refresh(jobInstanceId));
				}
				return entry.counts;
			}
		}
		return read(jobInstanceId);
	}

	private void refresh(long jobInstanceId) {
		try {
			read(jobInstanceId);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not refresh the item counts of job instance " + jobInstanceId, ex);
			synchronized (this.entries) {
				Entry entry = this.entries.get(jobInstanceId);
				if (entry != null) {
					entry.refreshing = false;
				}
			}
		}
	}

	private ItemCounts read(long jobInstanceId) {
		long start = this.nanoTime.getAsLong();
		ItemCounts counts = this.ledger.itemCounts(jobInstanceId);
		long end = this.nanoTime.getAsLong();
		synchronized (this.entries) {
			@Nullable Entry previous = this.entries.get(jobInstanceId);
			if (previous == null || previous.readAt <= start) {
				this.entries.put(jobInstanceId, new Entry(counts, start, end - start));
			}
		}
		return counts;
	}

	private static final class Entry {

		final ItemCounts counts;

		/** When the read began: the counts are at least as new as that. */
		final long readAt;

		final long readNanos;

		boolean refreshing;

		Entry(ItemCounts counts, long readAt, long readNanos) {
			this.counts = counts;
			this.readAt = readAt;
			this.readNanos = readNanos;
		}

		long window() {
			return Math.max(MIN_WINDOW.toNanos(), WINDOW_PER_READ * this.readNanos);
		}

	}

}
