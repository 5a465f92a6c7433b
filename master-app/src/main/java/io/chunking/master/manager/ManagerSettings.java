package io.chunking.master.manager;

import java.time.Duration;

import org.springframework.batch.core.ExitStatus;
import org.springframework.util.Assert;

/**
 * Timing and batching of the manager side of a chunked job.
 *
 * @param pollInterval how often the supervisor reads the ledger while chunks are in flight
 * @param timeout longest a partitioned step waits for its chunks before it fails; bounded so no run waits forever
 * @param retryBackoff delay before the first re-dispatch of a failed chunk; doubles per attempt, with jitter
 * @param maxRetryBackoff upper bound of the re-dispatch delay
 * @param ledgerBatchSize chunks recorded in the ledger per write while slicing
 * @param uploadConcurrency payload segment uploads in flight at once while slicing
 * @param payloadSegmentBytes size from which a payload segment (the payloads of consecutive chunks, stored as one
 * object) is closed and written; a chunk's payload never spans two segments, so 1 stores each payload alone
 * @param masterId id of this master, recorded as the owner of the runs it executes
 * @param ownerLease how long a master's ownership of a run lasts without renewal; after that, another master may
 * recover the execution
 * @param redispatchAfter how long a pending chunk's request may go unclaimed before the supervisor suspects it lost
 * and sends it again (only as many as the queue lacks, see {@code UnclaimedRequests})
 * @param storeOutageLimit how long an execution rides out its stores or broker being unreachable before it fails
 */
public record ManagerSettings(Duration pollInterval, Duration timeout, Duration retryBackoff, Duration maxRetryBackoff,
		int ledgerBatchSize, int uploadConcurrency, int payloadSegmentBytes, String masterId, Duration ownerLease, Duration redispatchAfter,
		Duration storeOutageLimit) {

	public static final ManagerSettings DEFAULTS = new ManagerSettings(Duration.ofMillis(500), Duration.ofHours(24),
			Duration.ofSeconds(1), Duration.ofMinutes(1), 500, 8, 1024 * 1024, "master", Duration.ofSeconds(30),
			Duration.ofSeconds(15), Duration.ofMinutes(5));

	/** Outcome code of an execution whose master was lost while it ran; its restart continues where it stopped. */
	public static final String MASTER_LOST = "MASTER_LOST";

	/**
	 * Outcome code of an execution whose master handed it over because it shut down; the next master restarts it,
	 * and the restart continues where it stopped.
	 */
	public static final String MASTER_HANDOVER = "MASTER_HANDOVER";

	/**
	 * Whether an execution that ended with this exit status was cut short by its master (lost or handing over), so
	 * that its restart continues with the chunks as they are rather than giving failed chunks fresh attempts.
	 */
	public static boolean continuesOnRestart(ExitStatus exitStatus) {
		return MASTER_LOST.equals(exitStatus.getExitCode()) || MASTER_HANDOVER.equals(exitStatus.getExitCode());
	}

	public ManagerSettings {
		Assert.isTrue(pollInterval.toMillis() > 0, "pollInterval must be positive");
		Assert.isTrue(timeout.compareTo(pollInterval) > 0, "timeout must be longer than pollInterval");
		Assert.isTrue(!retryBackoff.isNegative(), "retryBackoff must not be negative");
		Assert.isTrue(maxRetryBackoff.compareTo(retryBackoff) >= 0, "maxRetryBackoff must not be below retryBackoff");
		Assert.isTrue(ledgerBatchSize >= 1, "ledgerBatchSize must be at least 1");
		Assert.isTrue(uploadConcurrency >= 1, "uploadConcurrency must be at least 1");
		Assert.isTrue(payloadSegmentBytes >= 1, "payloadSegmentBytes must be at least 1");
		Assert.hasText(masterId, "masterId must not be empty");
		Assert.isTrue(ownerLease.compareTo(pollInterval.multipliedBy(4)) >= 0,
				"ownerLease must be at least 4 poll intervals");
		Assert.isTrue(redispatchAfter.compareTo(pollInterval) >= 0, "redispatchAfter must be at least pollInterval");
		Assert.isTrue(!storeOutageLimit.isNegative(), "storeOutageLimit must not be negative");
	}

}
