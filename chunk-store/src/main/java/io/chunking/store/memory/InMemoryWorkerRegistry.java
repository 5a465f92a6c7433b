package io.chunking.store.memory;

import static io.chunking.store.memory.Millis.millis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerStatus;

/**
 * {@link WorkerRegistry} held in memory, for fast tests: the last heartbeat of each worker, listed by id. Times are
 * kept to the millisecond, as MongoDB keeps them.
 */
public class InMemoryWorkerRegistry implements WorkerRegistry {

	private final Map<String, WorkerStatus> workers = new ConcurrentSkipListMap<>();

	@Override
	public void initialize() {
		// Nothing to create.
	}

	@Override
	public void heartbeat(WorkerStatus status) {
		this.workers.put(status.id(),
				new WorkerStatus(status.id(), status.host(), status.pid(), List.copyOf(status.jobs()), status.state(),
						millis(status.startedAt()), millis(status.lastHeartbeat()), status.chunksInHand(),
						status.concurrency(), status.chunksDone(), status.lease()));
	}

	@Override
	public void deregister(String workerId) {
		this.workers.remove(workerId);
	}

	@Override
	public List<WorkerStatus> list() {
		return List.copyOf(this.workers.values());
	}

}
