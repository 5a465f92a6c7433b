package io.chunking.store;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A worker as its last heartbeat described it.
 *
 * @param id worker id
 * @param host host name
 * @param pid process id
 * @param jobs names of the jobs it serves
 * @param state {@link WorkerState#ACTIVE} or {@link WorkerState#DRAINING}, as the worker reports it
 * @param startedAt when the worker started
 * @param lastHeartbeat when the heartbeat was sent
 * @param chunksInHand the chunks it is processing ({@code job/instance/index/attempt} each), empty when idle
 * @param concurrency chunks it processes at once per job it serves
 * @param chunksDone chunk requests handled since start
 * @param lease the worker's lease duration in milliseconds: silent for longer means lost
 */
public record WorkerStatus(String id, String host, long pid, List<String> jobs, WorkerState state, Instant startedAt,
		Instant lastHeartbeat, List<String> chunksInHand, int concurrency, long chunksDone, long lease) {

	public WorkerStatus {
		chunksInHand = List.copyOf(chunksInHand);
	}

	/** The first chunk in hand, {@code null} when idle; what heartbeats reported before workers ran several. */
	public @Nullable String currentChunk() {
		return this.chunksInHand.isEmpty() ? null : this.chunksInHand.get(0);
	}

	/** Whether the worker has been silent for longer than its lease at {@code now}. */
	public boolean isLost(Instant now) {
		return this.lastHeartbeat.plusMillis(this.lease).isBefore(now);
	}

	/** The state to report at {@code now}: {@link WorkerState#LOST} once silent for longer than its lease. */
	public WorkerState stateAt(Instant now) {
		return isLost(now) ? WorkerState.LOST : this.state;
	}

}
