package io.chunking.store;

import java.util.Map;
import java.util.Optional;

/**
 * Runs of chunked jobs: what a worker needs to know about the run a chunk belongs to, and what a restarted or
 * recovering master needs to know about slicing.
 */
public interface RunStore {

	/** Creates indexes if they are missing. Safe to call from every process at start-up. */
	void initialize();

	/** Records that slicing of a run starts (or starts again after an unfinished attempt), with its arguments. */
	void begin(long jobInstanceId, String jobName, Map<String, String> arguments);

	/** Records that slicing finished with the given totals. */
	void sliced(long jobInstanceId, int chunkCount, long itemCount);

	Optional<RunRecord> find(long jobInstanceId);

}
