package io.chunking.store.ratelimit;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The permits of one limit that this process reserved and has not handed out yet. A reservation takes a batch of
 * consecutive permits, enough for about {@value #BATCH_MILLIS} ms of the rate (one permit up to 100 per second), so
 * that a high rate costs about 100 store calls per second, not one per permit. Permits whose time passed by more than
 * the tolerance are dropped, never handed out late: a permit is used within its tolerance of its time or not at all.
 * One thread at a time reserves; the others wait for it, at most as long as they may wait for a permit.
 */
final class ReservedPermits {

	/** How much of the rate one reservation takes, in milliseconds. */
	static final int BATCH_MILLIS = 10;

	/** Most permits one reservation takes. */
	static final int MAX_BATCH = 1000;

	/** Least tolerance of a permit's lateness, whatever the rate: the precision of a sleep. */
	static final long MIN_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final RateLimitStore store;

	private final RateLimitStore.Rate rate;

	private final int batch;

	private final long toleranceNanos;

	private final ReentrantLock lock = new ReentrantLock();

	/** Time of the next permit held, epoch nanoseconds. */
	private long next;

	/** Permits held, from {@link #next} on, one interval apart. */
	private int held;

	ReservedPermits(RateLimitStore store, RateLimitStore.Rate rate) {
		this.store = store;
		this.rate = rate;
		long interval = rate.intervalNanos();
		this.batch = (int) Math.min(MAX_BATCH,
				Math.max(1, (TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS) + interval - 1) / interval));
		this.toleranceNanos = Math.max(interval, MIN_TOLERANCE_NANOS);
	}

	RateLimitStore.Rate rate() {
		return this.rate;
	}

	/** Permits one reservation takes. */
	int batch() {
		return this.batch;
	}

	/** How late after its time a permit may still be used, in nanoseconds: one interval, at least 1 ms. */
	long toleranceNanos() {
		return this.toleranceNanos;
	}

	/**
	 * Takes the next permit, held or newly reserved, if its time is no later than {@code latest}.
	 * @param now epoch nanoseconds
	 * @param latest epoch nanoseconds
	 * @param lockWaitNanos how long to wait at most for another thread's reservation
	 * @return the permit's time, epoch nanoseconds; empty if none is due by {@code latest} (or the other thread's
	 * reservation took longer than {@code lockWaitNanos})
	 */
	OptionalLong take(long now, long latest, long lockWaitNanos) throws InterruptedException {
		if (!this.lock.tryLock(Math.max(0, lockWaitNanos), TimeUnit.NANOSECONDS)) {
			return OptionalLong.empty();
		}
		try {
			long interval = this.rate.intervalNanos();
			while (this.held > 0 && this.next < now - this.toleranceNanos) {
				this.next += interval;
				this.held--;
			}
			if (this.held == 0) {
				OptionalLong first = this.store.reserve(this.rate, this.batch, now, latest);
				if (first.isEmpty()) {
					return first;
				}
				this.next = first.getAsLong();
				this.held = this.batch;
			}
			if (this.next > latest) {
				return OptionalLong.empty();
			}
			long permit = this.next;
			this.next += interval;
			this.held--;
			return OptionalLong.of(permit);
		}
		finally {
			this.lock.unlock();
		}
	}

}
