package io.chunking.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Whether a process can reach its stores, as its store calls find out: the first failed call starts an outage,
 * the next successful one ends it. Shared by every {@link StoreRetry} of a process, so that a worker can stop
 * taking work once its stores have been unreachable for too long.
 */
public final class StoreOutage {

	private final AtomicReference<@Nullable Instant> failingSince = new AtomicReference<>();

	private volatile @Nullable String lastFailure;

	/** Records a failed call; an outage starts at {@code at} unless one is already going on. */
	public void failed(StoreUnavailableException failure, Instant at) {
		this.failingSince.compareAndSet(null, at);
		this.lastFailure = failure.getStore() + ": " + failure.getMessage();
	}

	/** Records a successful call: the outage, if any, is over. */
	public void succeeded() {
		this.failingSince.set(null);
	}

	/** How long the stores have been failing at {@code now}, {@link Duration#ZERO} if they answer. */
	public Duration failingFor(Instant now) {
		Instant since = this.failingSince.get();
		return (since != null) ? Duration.between(since, now) : Duration.ZERO;
	}

	/** The last failure seen, for log lines; {@code null} if none. */
	public @Nullable String lastFailure() {
		return this.lastFailure;
	}

}
