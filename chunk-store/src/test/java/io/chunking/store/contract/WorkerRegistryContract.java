package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerState;
import io.chunking.store.WorkerStatus;

/**
 * What every {@link WorkerRegistry} guarantees. Each backend's test subclasses it and supplies an empty registry.
 */
public abstract class WorkerRegistryContract {

	protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	protected WorkerRegistry workers;

	/** An initialized registry without any worker. */
	protected abstract WorkerRegistry createRegistry();

	@BeforeEach
	void createEmptyRegistry() {
		this.workers = createRegistry();
	}

	@Test
	void aHeartbeatReadsBackAsSent() {
		WorkerStatus sent = status("w1", WorkerState.ACTIVE, T0.plusSeconds(5), List.of("demo/1/3/1", "demo/1/4/2"));

		this.workers.heartbeat(sent);

		assertThat(this.workers.list()).containsExactly(sent);
		WorkerStatus status = this.workers.list().get(0);
		assertThat(status.currentChunk()).isEqualTo("demo/1/3/1");
		assertThat(status.concurrency()).isEqualTo(4);
	}

	@Test
	void theLastHeartbeatOfAWorkerReplacesTheEarlierOne() {
		this.workers.heartbeat(status("w1", WorkerState.ACTIVE, T0, List.of("demo/1/3/1")));
		WorkerStatus last = status("w1", WorkerState.DRAINING, T0.plusSeconds(2), List.of());

		this.workers.heartbeat(last);

		assertThat(this.workers.list()).containsExactly(last);
		assertThat(this.workers.list().get(0).currentChunk()).isNull();
	}

	@Test
	void workersAreListedByIdAndDeregisteredOneByOne() {
		this.workers.heartbeat(status("w2", WorkerState.ACTIVE, T0, List.of()));
		this.workers.heartbeat(status("w1", WorkerState.ACTIVE, T0, List.of()));
		this.workers.heartbeat(status("w3", WorkerState.ACTIVE, T0, List.of()));

		this.workers.deregister("w2");
		this.workers.deregister("unknown");

		assertThat(this.workers.list()).extracting(WorkerStatus::id).containsExactly("w1", "w3");
	}

	@Test
	void aWorkerIsLostOnceSilentForLongerThanItsLease() {
		this.workers.heartbeat(status("w1", WorkerState.ACTIVE, T0, List.of()));

		WorkerStatus status = this.workers.list().get(0);

		assertThat(status.stateAt(T0.plusMillis(4000))).isEqualTo(WorkerState.ACTIVE);
		assertThat(status.stateAt(T0.plusMillis(4001))).isEqualTo(WorkerState.LOST);
	}

	protected static WorkerStatus status(String id, WorkerState state, Instant at, List<String> chunksInHand) {
		return new WorkerStatus(id, "host", 42, List.of("demo"), state, T0, at, chunksInHand, 4, 7, 4000);
	}

}
