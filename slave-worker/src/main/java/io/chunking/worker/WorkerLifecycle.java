package io.chunking.worker;

import java.time.Duration;
import io.chunking.support.scheduling.PeriodicTask;
import io.chunking.support.scheduling.PeriodicTasks;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.chunking.support.ProcessIdentity;
import io.chunking.worker.chunk.ChunkWorker;
import io.chunking.store.ChunkClaim;
import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerState;
import io.chunking.store.WorkerStatus;

/**
 * Announces the worker in the worker registry with periodic heartbeats (with every chunk in hand), and shuts it down
 * gracefully: on stop it turns {@code DRAINING}, stops taking chunk requests, waits up to
 * {@code chunking.worker.shutdown-grace} until no chunk is in hand, hands back those still not done, and
 * deregisters. Stops before every other component.
 */
@Component
class WorkerLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WorkerLifecycle.class);

	/** How long deregistering waits for a heartbeat in progress (which would otherwise register the worker again). */
	private static final Duration HEARTBEAT_STOP_WAIT = Duration.ofSeconds(3);

	private final ChunkWorker worker;

	private final WorkerRegistry registry;

	private final ChunkRequestListeners listeners;

	private final WorkerProperties properties;

	private final StoreGate gate;

	private final Instant startedAt = Instant.now();

	private volatile WorkerState state = WorkerState.ACTIVE;

	private final PeriodicTasks tasks;

	private volatile @Nullable PeriodicTask heartbeats;

	WorkerLifecycle(ChunkWorker worker, WorkerRegistry registry, ChunkRequestListeners listeners,
			WorkerProperties properties, StoreGate gate, PeriodicTasks tasks) {
		this.tasks = tasks;
		this.gate = gate;
		this.worker = worker;
		this.registry = registry;
		this.listeners = listeners;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.heartbeats = this.tasks.withFixedDelay("heartbeat", Duration.ZERO, this.properties.getHeartbeatInterval(),
				this::heartbeat);
	}

	private void heartbeat() {
		try {
			List<String> chunks = this.worker.chunksInHand().stream().map(WorkerLifecycle::describe).toList();
			this.registry.heartbeat(new WorkerStatus(this.worker.getWorkerId(), ProcessIdentity.host(),
					ProcessIdentity.pid(), this.worker.getJobNames(), this.state, this.startedAt, Instant.now(), chunks,
					this.properties.getConcurrency(), this.worker.getChunksDone(),
					this.properties.getLease().toMillis()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send a heartbeat: " + ex.getMessage());
		}
	}

	/** A chunk in hand as heartbeats report it: {@code job/instance/index/attempt}. */
	private static String describe(ChunkClaim claim) {
		return claim.record().jobName() + "/" + claim.key().jobInstanceId() + "/" + claim.key().chunkIndex() + "/"
				+ claim.attempt();
	}

	@Override
	public void stop() {
		// The gate must not start the listeners again while the worker drains.
		this.gate.stop();
		this.state = WorkerState.DRAINING;
		heartbeat();
		logger.info("Worker " + this.worker.getWorkerId() + " is draining: no new chunks, waiting up to "
				+ this.properties.getShutdownGrace() + " for the " + this.worker.chunksInHand().size()
				+ " chunk(s) in hand");
		this.listeners.stopListening();
		long deadline = System.nanoTime() + this.properties.getShutdownGrace().toNanos();
		while (!this.worker.chunksInHand().isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		int handedBack = this.worker.handBack();
		if (handedBack > 0) {
			logger.warn("Handed back " + handedBack + " chunk(s) still in hand after the shutdown grace period");
		}
		this.heartbeats.cancel(HEARTBEAT_STOP_WAIT);
		this.registry.deregister(this.worker.getWorkerId());
		logger.info("Worker " + this.worker.getWorkerId() + " deregistered");
		this.heartbeats = null;
	}

	@Override
	public boolean isRunning() {
		return this.heartbeats != null;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
