package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the manager's supervision sees it: instants for the ledger, a monotonic reading for intervals and the
 * timeout, and the pause between polls. {@link #SYSTEM} is the real one; a test gives its own to run a whole
 * supervision (lease expiry, backoff, timeout) in milliseconds.
 */
interface ManagerClock {

	ManagerClock SYSTEM = new ManagerClock() {

		@Override
		public Instant now() {
			return Instant.now();
		}

		@Override
		public long nanos() {
			return System.nanoTime();
		}

		@Override
		public void sleep(Duration duration) throws InterruptedException {
			Thread.sleep(duration.toMillis());
		}

	};

	/** The current instant, recorded in the ledger. */
	Instant now();

	/** A monotonic reading in nanoseconds, for intervals and the timeout ({@link System#nanoTime()}). */
	long nanos();

	/** Waits between two polls. */
	void sleep(Duration duration) throws InterruptedException;

}
