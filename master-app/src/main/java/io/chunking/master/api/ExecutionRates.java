package io.chunking.master.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import io.chunking.master.security.RecentEntries;
import io.chunking.store.ChunkCounts;

/**
 * Items per second and time left of executions, for their views. The recent rate comes from samples of the items
 * written that the master takes whenever a running execution's view is computed, at most one per
 * {@link #SAMPLE_EVERY}, kept for {@link #RECENT}: a ring per running execution, dropped when the execution is seen
 * ended or after it has not been viewed for {@link #IDLE}, and at most {@link #MAX_EXECUTIONS} rings in all.
 */
final class ExecutionRates {

	/** The span of the recent rate. */
	static final Duration RECENT = Duration.ofSeconds(30);

	/** The least time between two samples of an execution. */
	static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

	/** How long the samples of an execution no one views are kept. */
	static final Duration IDLE = Duration.ofMinutes(10);

	/** Most executions sampled at once; the least recently viewed is dropped first. */
	static final int MAX_EXECUTIONS = 1_000;

	/** Most samples of one execution: those of {@link #RECENT}, one per {@link #SAMPLE_EVERY}. */
	static final int MAX_SAMPLES = (int) (RECENT.toSeconds() / SAMPLE_EVERY.toSeconds()) + 1;

	/**
	 * @param recentItemsPerSecond items written per second over the last {@link #RECENT} of samples, {@code null}
	 * until two samples at least a second apart exist or once the execution ended
	 * @param averageItemsPerSecond items written per second since the execution started, {@code null} before it
	 * started
	 * @param etaSeconds seconds until every chunk is done at the pace so far (chunks left times the time per
	 * finished chunk), {@code null} unless running with a finished chunk
	 */
	record Rates(@Nullable Double recentItemsPerSecond, @Nullable Double averageItemsPerSecond,
			@Nullable Long etaSeconds) {
	}

	private final LongSupplier nanoTime;

	private final Map<Long, Samples> samples = new RecentEntries<>(MAX_EXECUTIONS);

	ExecutionRates(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * @param running whether the execution runs ({@code STARTED}, not starting or stopping): only then is it sampled
	 * and has an ETA
	 * @param elapsed time since the execution started (to its end, if it ended), {@code null} before it started
	 */
	Rates of(long executionId, boolean running, @Nullable Duration elapsed, long written, ChunkCounts chunks) {
		Double average = (elapsed != null && elapsed.toMillis() > 0)
				? round(written * 1000.0 / elapsed.toMillis()) : null;
		if (!running) {
			synchronized (this.samples) {
				this.samples.remove(executionId);
			}
			return new Rates(null, average, null);
		}
		Long eta = (elapsed != null && chunks.terminal() > 0)
				? Math.round((chunks.total() - chunks.terminal()) * (elapsed.toMillis() / 1000.0) / chunks.terminal())
				: null;
		return new Rates(recent(executionId, written), average, eta);
	}

	private @Nullable Double recent(long executionId, long written) {
		long now = this.nanoTime.getAsLong();
		synchronized (this.samples) {
			dropIdle(now);
			Samples ring = this.samples.computeIfAbsent(executionId, (id) -> new Samples());
			ring.viewedAt = now;
			return ring.add(now, written);
		}
	}

	/** Views keep the map in access order: the idle rings are the eldest. */
	private void dropIdle(long now) {
		Iterator<Samples> rings = this.samples.values().iterator();
		while (rings.hasNext()) {
			if (now - rings.next().viewedAt < IDLE.toNanos()) {
				return;
			}
			rings.remove();
		}
	}

	/** How many executions are sampled now. */
	int sampled() {
		synchronized (this.samples) {
			return this.samples.size();
		}
	}

	private static double round(double perSecond) {
		return Math.round(perSecond * 10.0) / 10.0;
	}

	/** The samples of one execution, oldest first. */
	private static final class Samples {

		private final Deque<long[]> ring = new ArrayDeque<>();

		long viewedAt;

		/** Adds a sample unless the last is too recent, and answers the recent rate. */
		@Nullable Double add(long at, long written) {
			long[] last = this.ring.peekLast();
			if (last == null || at - last[0] >= SAMPLE_EVERY.toNanos()) {
				this.ring.addLast(new long[] { at, written });
			}
			while (this.ring.size() > MAX_SAMPLES
					|| (this.ring.size() > 1 && at - this.ring.peekFirst()[0] > RECENT.toNanos())) {
				this.ring.removeFirst();
			}
			long[] newest = this.ring.peekLast();
			long[] oldest = this.ring.peekFirst();
			long nanos = newest[0] - oldest[0];
			return (nanos >= SAMPLE_EVERY.toNanos()) ? round((newest[1] - oldest[1]) * 1e9 / nanos) : null;
		}

	}

}
