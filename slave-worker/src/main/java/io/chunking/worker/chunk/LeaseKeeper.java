package io.chunking.worker.chunk;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.time.Duration;
import io.chunking.support.scheduling.PeriodicTask;
import io.chunking.support.scheduling.PeriodicTasks;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkLedger;

/**
 * Renews the leases of the chunks a worker is processing, on a timer of its own so that a long-running item does
 * not let a lease lapse. A renewal that finds the claim gone (the supervisor took the chunk back) stops renewing;
 * the attempt's completion will then be rejected.
 */
public final class LeaseKeeper implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LeaseKeeper.class);

	private final ChunkLedger ledger;

	private final WorkerSettings settings;

	private final PeriodicTasks tasks;

	private final Set<Lease> held = ConcurrentHashMap.newKeySet();

	public LeaseKeeper(ChunkLedger ledger, WorkerSettings settings, PeriodicTasks tasks) {
		this.ledger = ledger;
		this.settings = settings;
		this.tasks = tasks;
	}

	/** Starts renewing {@code claim} until the returned lease is closed. */
	public Lease hold(ChunkClaim claim) {
		Lease lease = new Lease(claim);
		Duration period = this.settings.renewInterval();
		this.held.add(lease);
		lease.renewal = this.tasks.atFixedRate("lease-renewal", period, period, lease::renew);
		return lease;
	}

	@Override
	public void close() {
		this.held.forEach(Lease::close);
	}

	/** A held lease; closing it stops its renewal. */
	public final class Lease implements AutoCloseable {

		private final AtomicReference<ChunkClaim> claim;

		private volatile @Nullable PeriodicTask renewal;

		Lease(ChunkClaim claim) {
			this.claim = new AtomicReference<>(claim);
		}

		public ChunkClaim claim() {
			return this.claim.get();
		}

		private void renew() {
			ChunkClaim current = this.claim.get();
			try {
				Optional<ChunkClaim> renewed = LeaseKeeper.this.ledger.renew(current, LeaseKeeper.this.settings.lease(),
						Instant.now());
				if (renewed.isPresent()) {
					this.claim.set(renewed.get());
				}
				else {
					this.renewal.cancel();
					logger.warn("Lost the lease of " + current.key() + " (attempt " + current.attempt()
							+ "): it was taken over; this attempt's result will not count");
				}
			}
			catch (RuntimeException ex) {
				// The ledger may be briefly unreachable; the next renewal tries again before the lease ends.
				logger.warn("Could not renew the lease of " + current.key() + ": " + ex.getMessage());
			}
		}

		@Override
		public void close() {
			LeaseKeeper.this.held.remove(this);
			if (this.renewal != null) {
				this.renewal.cancel();
			}
		}

	}

}
