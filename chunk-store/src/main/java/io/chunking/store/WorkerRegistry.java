package io.chunking.store;

import java.util.List;

/**
 * Where workers announce themselves: each sends heartbeats with what it is doing, and deregisters when it stops.
 * A worker whose last heartbeat is older than its lease is shown as lost. A store that cannot be reached makes any
 * method throw {@link StoreUnavailableException}, any other failure of the backend {@link StoreException}.
 */
public interface WorkerRegistry {

	/** Creates indexes if they are missing. Safe to call from every process at start-up. */
	void initialize();

	/** Records a heartbeat (creating the worker's entry on the first one). */
	void heartbeat(WorkerStatus status);

	/** Removes the worker's entry. */
	void deregister(String workerId);

	/** Every registered worker, live or silent, by id. */
	List<WorkerStatus> list();

}
