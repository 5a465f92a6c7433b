package io.chunking.master.manager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.DeadChunkTolerance;
import io.chunking.job.JobArguments;
import io.chunking.master.manager.dispatch.ChunkDispatchException;
import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.protocol.ChunkRequest;
import io.chunking.protocol.ChunkedStepNames;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ItemCounts;
import io.chunking.store.RunStore;
import io.chunking.store.StoreOutage;
import io.chunking.store.StoreRetry;
import io.chunking.store.StoreUnavailableException;

/**
 * The partition handler of a chunked job: one partition per chunk of the ledger, dispatched over JMS, then
 * supervised until every chunk is succeeded or dead. Unlike the stock remote partitioning handler it creates no
 * step execution per partition (the ledger is the record of each chunk, counted with one aggregation), and it
 * closes the gaps the stock one leaves open: expired leases are taken back and re-dispatched, failed chunks are
 * retried with backoff up to their attempt limit, requests that never reached a worker are sent again, an outage of
 * the ledger or the broker is ridden out for a bounded time, and the wait is bounded.
 */
final class LedgerPartitionHandler implements PartitionHandler {

	private static final Log logger = LogFactory.getLog(LedgerPartitionHandler.class);

	/** Requests sent per dispatch call. */
	private static final int DISPATCH_BATCH = 500;

	/** Milliseconds between saves of the manager step, which is also when a stop request is seen. */
	private static final long STOP_CHECK_INTERVAL = 1_000;

	/** Milliseconds between progress log lines. */
	private static final long PROGRESS_LOG_INTERVAL = 10_000;

	private final ChunkedJobDefinition<?, ?> definition;

	private final ChunkLedger ledger;

	private final ChunkDispatcher dispatcher;

	private final ManagerSettings settings;

	private final RetrySchedule retries;

	private final RunStore runs;

	private final JobRepository jobRepository;

	private final ChunkMetrics metrics;

	private final HandoverSignal handover;

	private final ManagerClock clock;

	LedgerPartitionHandler(ChunkedJobDefinition<?, ?> definition, ChunkLedger ledger, RunStore runs,
			ChunkDispatcher dispatcher, JobRepository jobRepository, ManagerSettings settings, ChunkMetrics metrics,
			HandoverSignal handover) {
		this(definition, ledger, runs, dispatcher, jobRepository, settings, metrics, handover, ManagerClock.SYSTEM);
	}

	LedgerPartitionHandler(ChunkedJobDefinition<?, ?> definition, ChunkLedger ledger, RunStore runs,
			ChunkDispatcher dispatcher, JobRepository jobRepository, ManagerSettings settings, ChunkMetrics metrics,
			HandoverSignal handover, ManagerClock clock) {
		this.clock = clock;
		this.metrics = metrics;
		this.handover = handover;
		this.definition = definition;
		this.ledger = ledger;
		this.runs = runs;
		this.dispatcher = dispatcher;
		this.jobRepository = jobRepository;
		this.settings = settings;
		this.retries = new RetrySchedule(settings.retryBackoff(), settings.maxRetryBackoff());
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStep) throws Exception {
		JobExecution jobExecution = managerStep.getJobExecution();
		long instanceId = jobExecution.getJobInstanceId();
		long executionId = jobExecution.getId();
		JobArguments arguments = this.definition.validate(RunParameters.arguments(jobExecution.getJobParameters()));
		int maxAttempts = arguments.getInt(ChunkedJobDefinition.MAX_ATTEMPTS);
		DeadChunkTolerance tolerance = DeadChunkTolerance
			.parse(arguments.getString(ChunkedJobDefinition.TOLERATED_DEAD_CHUNKS));
		StoreRetry retry = new StoreRetry(this.settings.storeOutageLimit(), OutageTolerance.LIMIT_PROPERTY,
				new StoreOutage());

		RunOwnership ownership = RunOwnership.of(this.runs, this.settings, this.handover, jobExecution);
		retry.run("Taking the ownership of execution " + executionId, ownership::acquire);
		boolean slicedHere = sliceStepSays(jobExecution, SliceTasklet.SLICED_HERE);
		long reset = 0;
		if (recoversLostMaster(jobExecution)) {
			logger.info("Execution " + executionId + " continues the run of a lost master: chunks keep their attempts");
		}
		else if (!slicedHere) {
			// A chunk that failed while this execution was slicing keeps its attempts: it has no earlier execution.
			reset = retry.call("Resetting the unfinished chunks of execution " + executionId,
					() -> this.ledger.resetUnfinished(instanceId, executionId));
			if (reset > 0) {
				logger.info("Execution " + executionId + " restarts " + reset
						+ " failed or dead chunks of an earlier execution, each with a fresh set of attempts");
			}
		}
		if (reset == 0 && sliceStepSays(jobExecution, SliceTasklet.DISPATCHED)) {
			logger.info("Execution " + executionId + " sent every chunk while slicing");
		}
		else {
			dispatchPending(instanceId, executionId);
		}
		ChunkCounts counts = supervise(managerStep, maxAttempts, ownership);
		retry.run("Summing the item counts of execution " + executionId,
				() -> recordItemCounts(managerStep, instanceId));
		if (managerStep.isTerminateOnly()) {
			String description = "Stopped by an operator: " + counts.get(ChunkStatus.SUCCEEDED) + " of "
					+ counts.total() + " chunks succeeded, " + counts.get(ChunkStatus.PENDING)
					+ " not started, " + counts.get(ChunkStatus.FAILED) + " failed; restart to finish the run";
			logger.info("Execution " + executionId + " " + description.substring(0, 1).toLowerCase()
					+ description.substring(1));
			managerStep.getExecutionContext().putString(StopDescriptionListener.KEY, description);
			throw new JobInterruptedException(description, BatchStatus.STOPPED);
		}
		long dead = counts.get(ChunkStatus.DEAD);
		long allowed = tolerance.allowed(counts.total());
		if (dead > allowed) {
			List<ChunkRecord> examples = retry.call("Reading the dead chunks of execution " + executionId,
					() -> this.ledger.page(instanceId, ChunkStatus.DEAD, 0, DeadChunksException.MAX_NAMED));
			throw new DeadChunksException(dead, allowed, counts.total(), examples);
		}
		return List.of();
	}

	/** Whether the slice step of this execution set a flag in its execution context. */
	private boolean sliceStepSays(JobExecution jobExecution, String flag) {
		String sliceStep = ChunkedStepNames.slice(this.definition.getName());
		return jobExecution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals(sliceStep))
			.anyMatch((step) -> Boolean.TRUE.equals(step.getExecutionContext().get(flag)));
	}

	/** Whether the execution before this one of the same instance ended because its master was lost or left. */
	private boolean recoversLostMaster(JobExecution current) {
		@Nullable JobExecution previous = null;
		for (JobExecution execution : this.jobRepository.getJobExecutions(current.getJobInstance())) {
			if (execution.getId() < current.getId() && (previous == null || execution.getId() > previous.getId())) {
				previous = execution;
			}
		}
		return previous != null && ManagerSettings.continuesOnRestart(previous.getExitStatus());
	}

	private void recordItemCounts(StepExecution managerStep, long instanceId) {
		ItemCounts items = this.ledger.itemCounts(instanceId);
		managerStep.setReadCount(items.read());
		managerStep.setWriteCount(items.written());
		managerStep.setProcessSkipCount(items.skipped());
	}

	/**
	 * Sends the request of every pending chunk. If the broker or the ledger cannot be reached, the chunks not sent
	 * yet stay pending without a dispatch time, and supervision sends them once it can.
	 */
	private void dispatchPending(long instanceId, long executionId) {
		try {
			int dispatched = dispatchAll(instanceId, executionId, ChunkStatus.PENDING);
			logger.info("Dispatched " + dispatched + " chunks of execution " + executionId + " to "
					+ this.definition.getName() + " workers");
		}
		catch (StoreUnavailableException | ChunkDispatchException ex) {
			logger.warn("Execution " + executionId + " could not dispatch all its pending chunks (" + ex.getMessage()
					+ "); they are sent as soon as the broker and the ledger answer");
		}
	}

	/**
	 * Supervises the chunks until every one is succeeded or dead, or, once an operator asked to stop the execution,
	 * until none is running any more. The stop request is seen through the job repository: saving the manager step
	 * marks it terminate-only when its job execution is {@code STOPPING}. A poll that cannot reach the ledger or the
	 * broker is repeated at the next one, for at most {@code storeOutageLimit}.
	 */
	private ChunkCounts supervise(StepExecution managerStep, int maxAttempts, RunOwnership ownership)
			throws Exception {
		long instanceId = managerStep.getJobExecution().getJobInstanceId();
		long executionId = managerStep.getJobExecution().getId();
		long deadline = this.clock.nanos() + this.settings.timeout().toNanos();
		long nextLog = millis() + PROGRESS_LOG_INTERVAL;
		long nextSave = millis();
		boolean stopping = false;
		boolean held = false;
		OutageTolerance outage = new OutageTolerance(this.settings.storeOutageLimit(), executionId);
		UnclaimedRequests unclaimed = new UnclaimedRequests(this.definition.getName(), instanceId, executionId,
				this.ledger, this.dispatcher, this.metrics, this.settings.redispatchAfter(),
				this.settings.pollInterval(), this.clock.now());
		@Nullable ChunkCounts counts = null;
		while (true) {
			if (!stopping && millis() >= nextSave) {
				this.jobRepository.update(managerStep);
				nextSave = millis() + STOP_CHECK_INTERVAL;
				stopping = managerStep.isTerminateOnly();
			}
			Instant now = this.clock.now();
			try {
				ownership.renewIfDue();
				if (stopping && !held) {
					logger.info("Execution " + executionId + " is stopping: " + this.ledger.hold(instanceId)
							+ " chunks not started are held back, running chunks finish");
					held = true;
				}
				expireLeases(instanceId, now);
				if (!stopping) {
					retryFailed(instanceId, executionId, maxAttempts, now);
				}
				counts = this.ledger.count(instanceId);
				if (!stopping) {
					unclaimed.check(counts, now);
				}
				if (millis() >= nextLog) {
					recordItemCounts(managerStep, instanceId);
				}
				outage.succeeded(now);
			}
			catch (StoreUnavailableException | ChunkDispatchException ex) {
				outage.failed(ex, now);
			}
			if (counts != null && counts.terminal() == counts.total()) {
				logger.info("All " + counts.total() + " chunks of execution " + executionId + " are done: " + counts);
				return counts;
			}
			if (held && counts != null && counts.get(ChunkStatus.RUNNING) == 0) {
				return counts;
			}
			if (millis() >= nextLog) {
				logger.info("Execution " + executionId + ": " + counts);
				nextLog = millis() + PROGRESS_LOG_INTERVAL;
			}
			if (this.clock.nanos() >= deadline) {
				throw new TimeoutException("Chunks of execution " + executionId + " did not finish within "
						+ this.settings.timeout() + " (chunking.master.timeout): " + counts);
			}
			this.clock.sleep(this.settings.pollInterval());
		}
	}

	/** Monotonic milliseconds, for the save and log intervals. */
	private long millis() {
		return this.clock.nanos() / 1_000_000;
	}

	private void expireLeases(long instanceId, Instant now) {
		List<ChunkRecord> expired;
		try (Stream<ChunkRecord> running = this.ledger.stream(instanceId, List.of(ChunkStatus.RUNNING))) {
			expired = running.filter((chunk) -> chunk.leaseExpiresAt() != null && chunk.leaseExpiresAt().isBefore(now))
				.toList();
		}
		for (ChunkRecord chunk : expired) {
			if (this.ledger.expire(chunk, now)) {
				logger.warn("Lease of chunk " + chunk.chunkIndex() + " (attempt " + chunk.attempt() + ", worker "
						+ chunk.workerId() + ") expired; it will be dispatched again");
			}
		}
	}

	private void retryFailed(long instanceId, long executionId, int maxAttempts, Instant now) {
		List<ChunkRecord> failed;
		try (Stream<ChunkRecord> chunks = this.ledger.stream(instanceId, List.of(ChunkStatus.FAILED))) {
			failed = chunks.toList();
		}
		List<ChunkRequest> retry = new ArrayList<>();
		for (ChunkRecord chunk : failed) {
			if (chunk.attempt() >= maxAttempts) {
				if (this.ledger.bury(chunk, now)) {
					this.metrics.dead(this.definition.getName());
					logger.warn("Chunk " + chunk.chunkIndex() + " is dead after " + chunk.attempt() + " attempts: "
							+ chunk.lastError());
				}
			}
			else if (this.retries.isDue(chunk, now) && this.ledger.retry(chunk, now)) {
				this.metrics.retried(this.definition.getName());
				retry.add(ChunkRequest.of(this.definition.getName(), executionId, chunk.key()));
			}
		}
		// Requeued chunks not sent here (the broker is down) stay pending without a dispatch time: sent later.
		send(instanceId, retry, now);
	}

	private int dispatchAll(long instanceId, long executionId, ChunkStatus status) {
		List<ChunkRequest> batch = new ArrayList<>(DISPATCH_BATCH);
		int total = 0;
		try (Stream<ChunkRecord> chunks = this.ledger.stream(instanceId, List.of(status))) {
			for (Iterator<ChunkRecord> it = chunks.iterator(); it.hasNext();) {
				batch.add(ChunkRequest.of(this.definition.getName(), executionId, it.next().key()));
				if (batch.size() == DISPATCH_BATCH) {
					total += send(instanceId, batch, this.clock.now());
					batch.clear();
				}
			}
		}
		return total + send(instanceId, batch, this.clock.now());
	}

	/** Sends the requests and records their dispatch time in the ledger. */
	private int send(long instanceId, List<ChunkRequest> requests, Instant now) {
		if (requests.isEmpty()) {
			return 0;
		}
		this.dispatcher.dispatch(requests);
		this.ledger.dispatched(instanceId, requests.stream().map(ChunkRequest::chunkIndex).toList(), now);
		return requests.size();
	}

}
