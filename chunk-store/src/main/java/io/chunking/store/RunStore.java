package io.chunking.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs of chunked jobs: what a worker needs to know about the run a chunk belongs to, and what a restarted or
 * recovering master needs to know about slicing. A store that cannot be reached makes any method throw
 * {@link StoreUnavailableException}, any other failure of the backend {@link StoreException}.
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

	/**
	 * Marks execution {@code jobExecutionId} of the run, which {@code masterId} owns, as one to continue with a
	 * restart: a master hands it over (it shuts down) or ends it to recover it. The mark is set before the execution
	 * is recorded as ended, so that a master that dies in between leaves it behind: once the owner's lease has
	 * expired (or the owner {@linkplain #release released} it), any master finds it with
	 * {@link #findPendingRestarts}, takes the run over with {@link #own} and restarts the execution.
	 * @return whether {@code masterId} owns the run for that execution (nothing is marked otherwise)
	 */
	boolean markRestartPending(long jobInstanceId, long jobExecutionId, String masterId);

	/**
	 * Ends the lease of {@code masterId} on the run now instead of when it would expire, so that another master
	 * takes the run over at its next look.
	 * @return whether {@code masterId} owned the run for that execution
	 */
	boolean release(long jobInstanceId, long jobExecutionId, String masterId, Instant now);

	/** Runs with a pending restart whose owner's lease ended before {@code now}: nobody is restarting them. */
	List<RunRecord> findPendingRestarts(Instant now);

	/** Removes the pending restart of {@code jobExecutionId}: it was restarted, or it ended otherwise. */
	void clearPendingRestart(long jobInstanceId, long jobExecutionId);

}
