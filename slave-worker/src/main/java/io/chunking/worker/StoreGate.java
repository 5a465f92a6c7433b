package io.chunking.worker;

import io.chunking.support.scheduling.PeriodicTask;
import io.chunking.support.scheduling.PeriodicTasks;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadNotFoundException;
import io.chunking.store.PayloadStore;
import io.chunking.store.StoreOutage;
import io.chunking.store.StoreUnavailableException;

/**
 * Stops the worker from taking chunk requests while its stores are away. Once the worker's store calls have been
 * failing for longer than its lease ({@link StoreOutage}), taking more requests would only fail them one after the
 * other (and use up their delivery attempts): the gate stops the request listeners, probes the ledger and the
 * payload store every second, and starts the listeners again when both answer. Chunks in hand keep retrying their
 * store calls meanwhile, within {@code chunking.worker.store-outage-limit}.
 */
@Component
class StoreGate implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StoreGate.class);

	/** Time between two looks at the stores. */
	static final Duration PERIOD = Duration.ofSeconds(1);

	private static final String PROBE_KEY = ".chunking-probe";

	private final StoreOutage outage;

	private final ChunkLedger ledger;

	private final PayloadStore payloads;

	private final ChunkRequestListeners listeners;

	private final Duration threshold;

	private final PeriodicTasks tasks;

	private @Nullable PeriodicTask timer;

	private volatile boolean closed;

	StoreGate(StoreOutage outage, ChunkLedger ledger, PayloadStore payloads, ChunkRequestListeners listeners,
			WorkerProperties properties, PeriodicTasks tasks) {
		this.tasks = tasks;
		this.outage = outage;
		this.ledger = ledger;
		this.payloads = payloads;
		this.listeners = listeners;
		this.threshold = properties.getLease();
	}

	/** Looks at the stores once: closes the gate after a long outage, opens it when the stores answer again. */
	void check() {
		Duration failing = this.outage.failingFor(Instant.now());
		if (!this.closed && failing.compareTo(this.threshold) > 0) {
			this.closed = true;
			this.listeners.stopListening();
			logger.warn("Stores unreachable for " + failing.toSeconds() + " s, longer than the lease ("
					+ this.threshold + "): no new chunk requests are taken until they answer (last failure: "
					+ this.outage.lastFailure() + ")");
		}
		else if (this.closed && storesAnswer()) {
			this.outage.succeeded();
			this.closed = false;
			this.listeners.startListening();
			logger.info("Stores answer again: chunk requests are taken again");
		}
	}

	/** Whether chunk requests are held back now. */
	boolean isClosed() {
		return this.closed;
	}

	private boolean storesAnswer() {
		try {
			this.ledger.find(new ChunkKey(0, 0));
			try {
				this.payloads.get(PROBE_KEY);
			}
			catch (PayloadNotFoundException ex) {
				// The server answered.
			}
			return true;
		}
		catch (StoreUnavailableException ex) {
			return false;
		}
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check the stores: " + ex.getMessage());
		}
	}

	@Override
	public synchronized void start() {
		if (this.timer == null) {
			this.timer = this.tasks.withFixedDelay("store-gate", PERIOD, PERIOD, this::checkQuietly);
		}
	}

	/** Stops watching: the listeners are left as they are (the worker is shutting down). */
	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.cancel();
			this.timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

	@Override
	public int getPhase() {
		// Starts just before the worker's lifecycle and stops right after it; the worker stops it first anyway.
		return Integer.MAX_VALUE - 1;
	}

}
