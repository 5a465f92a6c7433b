package io.chunking.store;

import java.time.Duration;
import java.time.Instant;
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

	/**
	 * Makes {@code masterId} the owner of the run for {@code lease} if nobody owns it, it owns it already, or the
	 * owner's lease expired before {@code now}. The owner renews its lease while it runs the execution; a master
	 * that dies stops renewing, and another (or the same one, restarted) takes the run over.
	 * @return whether {@code masterId} owns the run now
	 */
	boolean own(long jobInstanceId, long jobExecutionId, String masterId, Duration lease, Instant now);

}
