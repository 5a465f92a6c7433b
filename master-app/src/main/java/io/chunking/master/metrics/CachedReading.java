package io.chunking.master.metrics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A value read from stores that may be slow, kept for {@code maxAge} and read again on a thread of its own when
 * someone asks for it later. A caller waits at most {@code maxWait} for a new reading and otherwise gets the
 * previous value (the initial one before the first reading ends), so a scrape never blocks on a store that does
 * not answer. One reading at a time.
 *
 * @param <T> the value
 */
final class CachedReading<T> implements AutoCloseable {

	private final Supplier<T> source;

	private final long maxAgeNanos;

	private final Duration maxWait;

	private final ExecutorService executor;

	private T value;

	private long readAt;

	private boolean read;

	private @Nullable CompletableFuture<T> reading;

	/**
	 * @param source reads the value; returns {@code null} or throws to keep the previous value
	 * @param initial value before the first reading
	 * @param maxAge how long a value is served before it is read again
	 * @param maxWait longest a caller waits for a reading in progress
	 * @param threadName name of the reading thread (a daemon)
	 */
	CachedReading(Supplier<@Nullable T> source, T initial, Duration maxAge, Duration maxWait, String threadName) {
		Assert.notNull(source, "source must not be null");
		Assert.notNull(initial, "initial must not be null");
		Assert.isTrue(!maxAge.isNegative(), "maxAge must not be negative");
		Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		this.source = source;
		this.value = initial;
		this.maxAgeNanos = maxAge.toNanos();
		this.maxWait = maxWait;
		this.executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The current value: cached, freshly read, or the previous one if the reading takes longer than maxWait. */
	T get() {
		CompletableFuture<T> pending;
		synchronized (this) {
			if (this.read && System.nanoTime() - this.readAt < this.maxAgeNanos) {
				return this.value;
			}
			pending = this.reading;
			if (pending == null) {
				pending = CompletableFuture.supplyAsync(this.source, this.executor);
				this.reading = pending;
				// Runs at once, on this thread, if the reading has already ended.
				pending.whenComplete(this::completed);
			}
		}
		try {
			T fresh = pending.get(this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
			if (fresh != null) {
				return fresh;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the previous value stands
		}
		synchronized (this) {
			return this.value;
		}
	}

	private synchronized void completed(@Nullable T fresh, @Nullable Throwable failure) {
		if (fresh != null) {
			this.value = fresh;
		}
		// A failed reading counts as a reading too: the store is asked again after maxAge, not at every scrape.
		this.readAt = System.nanoTime();
		this.read = true;
		this.reading = null;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
