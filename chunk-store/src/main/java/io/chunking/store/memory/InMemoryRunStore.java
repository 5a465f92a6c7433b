package io.chunking.store.memory;

import static io.chunking.store.memory.Millis.millis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.chunking.store.RunRecord;
import io.chunking.store.RunStore;

/**
 * {@link RunStore} held in memory, for fast tests. Ownership and pending restarts change under one lock with the
 * checks of {@link io.chunking.store.mongo.MongoRunStore}'s filters. Times come from the {@code now} arguments and
 * are kept to the millisecond, as MongoDB keeps them; the only clock is the one that stamps {@code createdAt} and
 * {@code slicedAt} in {@link #begin} and {@link #sliced}, whose signatures have no time.
 */
public class InMemoryRunStore implements RunStore {

	private final Map<Long, Run> runs = new TreeMap<>();

	private final Clock clock;

	public InMemoryRunStore() {
		this(Clock.systemUTC());
	}

	/** @param clock stamps {@code createdAt} and {@code slicedAt} */
	public InMemoryRunStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void initialize() {
		// Nothing to create.
	}

	@Override
	public synchronized void begin(long jobInstanceId, String jobName, Map<String, String> arguments) {
		Run run = this.runs.computeIfAbsent(jobInstanceId, Run::new);
		run.jobName = jobName;
		run.arguments = new LinkedHashMap<>(arguments);
		run.sliced = false;
		run.createdAt = millis(this.clock.instant());
	}

	@Override
	public synchronized void sliced(long jobInstanceId, int chunkCount, long itemCount) {
		Run run = this.runs.get(jobInstanceId);
		if (run != null) {
			run.sliced = true;
			run.chunkCount = chunkCount;
			run.itemCount = itemCount;
			run.slicedAt = millis(this.clock.instant());
		}
	}

	@Override
	public synchronized Optional<RunRecord> find(long jobInstanceId) {
		return Optional.ofNullable(this.runs.get(jobInstanceId)).map(Run::toRecord);
	}

	@Override
	public synchronized boolean own(long jobInstanceId, long jobExecutionId, String masterId, Duration lease,
			Instant now) {
		Run run = this.runs.get(jobInstanceId);
		if (run != null && run.ownerId != null && !run.ownerId.equals(masterId)
				&& (run.ownerLeaseExpiresAt == null || !run.ownerLeaseExpiresAt.isBefore(millis(now)))) {
			// Someone else holds a live lease.
			return false;
		}
		if (run == null) {
			run = new Run(jobInstanceId);
			this.runs.put(jobInstanceId, run);
		}
		run.ownerId = masterId;
		run.ownerLeaseExpiresAt = millis(now.plus(lease));
		run.jobExecutionId = jobExecutionId;
		return true;
	}

	@Override
	public synchronized boolean markRestartPending(long jobInstanceId, long jobExecutionId, String masterId) {
		Run run = owned(jobInstanceId, jobExecutionId, masterId);
		if (run == null) {
			return false;
		}
		run.pendingRestartOf = jobExecutionId;
		run.pendingRestartBy = masterId;
		return true;
	}

	@Override
	public synchronized boolean release(long jobInstanceId, long jobExecutionId, String masterId, Instant now) {
		Run run = owned(jobInstanceId, jobExecutionId, masterId);
		if (run == null) {
			return false;
		}
		run.ownerLeaseExpiresAt = millis(now);
		return true;
	}

	@Override
	public synchronized List<RunRecord> findPendingRestarts(Instant now) {
		Instant at = millis(now);
		return this.runs.values()
			.stream()
			.filter((run) -> run.pendingRestartOf != null && run.ownerLeaseExpiresAt != null
					&& run.ownerLeaseExpiresAt.isBefore(at))
			.map(Run::toRecord)
			.toList();
	}

	@Override
	public synchronized void clearPendingRestart(long jobInstanceId, long jobExecutionId) {
		Run run = this.runs.get(jobInstanceId);
		if (run != null && Objects.equals(run.pendingRestartOf, jobExecutionId)) {
			run.pendingRestartOf = null;
			run.pendingRestartBy = null;
		}
	}

	private Run owned(long jobInstanceId, long jobExecutionId, String masterId) {
		Run run = this.runs.get(jobInstanceId);
		return (run != null && masterId.equals(run.ownerId) && run.jobExecutionId != null
				&& run.jobExecutionId == jobExecutionId) ? run : null;
	}

	/** One run's entry: the fields of the Mongo document, mutated only under the store's lock. */
	private static final class Run {

		final long jobInstanceId;

		String jobName;

		Map<String, String> arguments = Map.of();

		boolean sliced;

		int chunkCount;

		long itemCount;

		Instant createdAt;

		Instant slicedAt;

		String ownerId;

		Instant ownerLeaseExpiresAt;

		Long jobExecutionId;

		Long pendingRestartOf;

		String pendingRestartBy;

		Run(long jobInstanceId) {
			this.jobInstanceId = jobInstanceId;
		}

		RunRecord toRecord() {
			return new RunRecord(this.jobInstanceId, this.jobName, new LinkedHashMap<>(this.arguments), this.sliced,
					this.chunkCount, this.itemCount, this.createdAt, this.slicedAt, this.ownerId,
					this.ownerLeaseExpiresAt, (this.jobExecutionId != null) ? this.jobExecutionId : 0,
					this.pendingRestartOf, this.pendingRestartBy);
		}

	}

}
