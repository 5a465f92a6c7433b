package io.chunking.job.manager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.DeadChunkTolerance;
import io.chunking.job.JobArguments;
import io.chunking.job.messaging.ChunkDispatcher;
import io.chunking.job.messaging.ChunkRequest;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ItemCounts;
import io.chunking.store.RunStore;

/**
 * The partition handler of a chunked job: one partition per chunk of the ledger, dispatched over JMS, then
 * supervised until every chunk is succeeded or dead. Unlike the stock remote partitioning handler it creates no
 * step execution per partition (the ledger is the record of each chunk, counted with one aggregation), and it
 * closes the gaps the stock one leaves open: expired leases are taken back and re-dispatched, failed chunks are
 * retried with backoff up to their attempt limit, and the wait is bounded.
 */
final class LedgerPartitionHandler implements PartitionHandler {

	private static final Log logger = LogFactory.getLog(LedgerPartitionHandler.class);

	/** Requests sent per dispatch call. */
	private static final int DISPATCH_BATCH = 500;

	/** Milliseconds between progress log lines. */
	private static final long PROGRESS_LOG_INTERVAL = 10_000;

	private final ChunkedJobDefinition<?, ?> definition;

	private final ChunkLedger ledger;

	private final ChunkDispatcher dispatcher;

	private final ManagerSettings settings;

	private final RetrySchedule retries;

	private final RunStore runs;

	private final JobRepository jobRepository;

	LedgerPartitionHandler(ChunkedJobDefinition<?, ?> definition, ChunkLedger ledger, RunStore runs,
			ChunkDispatcher dispatcher, JobRepository jobRepository, ManagerSettings settings) {
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

		RunOwnership ownership = RunOwnership.of(this.runs, this.settings, jobExecution);
		ownership.acquire();
		if (recoversLostMaster(jobExecution)) {
			logger.info("Execution " + executionId + " continues the run of a lost master: chunks keep their attempts");
		}
		else {
			long reset = this.ledger.resetUnfinished(instanceId, executionId);
			if (reset > 0) {
				logger.info("Execution " + executionId + " restarts " + reset
						+ " failed or dead chunks of an earlier execution, each with a fresh set of attempts");
			}
		}
		int dispatched = dispatchAll(instanceId, executionId, ChunkStatus.PENDING);
		logger.info("Dispatched " + dispatched + " chunks of execution " + executionId + " to "
				+ this.definition.getName() + " workers");
		ChunkCounts counts = supervise(instanceId, executionId, maxAttempts, ownership);

		ItemCounts items = this.ledger.itemCounts(instanceId);
		managerStep.setReadCount(items.read());
		managerStep.setWriteCount(items.written());
		managerStep.setProcessSkipCount(items.skipped());
		long dead = counts.get(ChunkStatus.DEAD);
		long allowed = tolerance.allowed(counts.total());
		if (dead > allowed) {
			throw new DeadChunksException(dead, allowed, counts.total(),
					this.ledger.page(instanceId, ChunkStatus.DEAD, 0, DeadChunksException.MAX_NAMED));
		}
		return List.of();
	}

	/** Whether the execution before this one of the same instance ended because its master was lost. */
	private boolean recoversLostMaster(JobExecution current) {
		JobExecution previous = null;
		for (JobExecution execution : this.jobRepository.getJobExecutions(current.getJobInstance())) {
			if (execution.getId() < current.getId() && (previous == null || execution.getId() > previous.getId())) {
				previous = execution;
			}
		}
		return previous != null && ManagerSettings.MASTER_LOST.equals(previous.getExitStatus().getExitCode());
	}

	private ChunkCounts supervise(long instanceId, long executionId, int maxAttempts, RunOwnership ownership)
			throws Exception {
		long deadline = System.nanoTime() + this.settings.timeout().toNanos();
		long nextLog = System.currentTimeMillis() + PROGRESS_LOG_INTERVAL;
		while (true) {
			ownership.renewIfDue();
			Instant now = Instant.now();
			expireLeases(instanceId, now);
			retryFailed(instanceId, executionId, maxAttempts, now);
			ChunkCounts counts = this.ledger.count(instanceId);
			if (counts.terminal() == counts.total()) {
				logger.info("All " + counts.total() + " chunks of execution " + executionId + " are done: " + counts);
				return counts;
			}
			if (System.currentTimeMillis() >= nextLog) {
				logger.info("Execution " + executionId + ": " + counts);
				nextLog = System.currentTimeMillis() + PROGRESS_LOG_INTERVAL;
			}
			if (System.nanoTime() >= deadline) {
				throw new TimeoutException("Chunks of execution " + executionId + " did not finish within "
						+ this.settings.timeout() + " (chunking.master.timeout): " + counts);
			}
			Thread.sleep(this.settings.pollInterval().toMillis());
		}
	}

	private void expireLeases(long instanceId, Instant now) {
		List<ChunkRecord> expired = new ArrayList<>();
		this.ledger.forEach(instanceId, List.of(ChunkStatus.RUNNING), (chunk) -> {
			if (chunk.leaseExpiresAt() != null && chunk.leaseExpiresAt().isBefore(now)) {
				expired.add(chunk);
			}
		});
		for (ChunkRecord chunk : expired) {
			if (this.ledger.expire(chunk, now)) {
				logger.warn("Lease of chunk " + chunk.chunkIndex() + " (attempt " + chunk.attempt() + ", worker "
						+ chunk.workerId() + ") expired; it will be dispatched again");
			}
		}
	}

	private void retryFailed(long instanceId, long executionId, int maxAttempts, Instant now) {
		List<ChunkRecord> failed = new ArrayList<>();
		this.ledger.forEach(instanceId, List.of(ChunkStatus.FAILED), failed::add);
		List<ChunkRequest> retry = new ArrayList<>();
		for (ChunkRecord chunk : failed) {
			if (chunk.attempt() >= maxAttempts) {
				if (this.ledger.requeue(chunk, true, now)) {
					logger.warn("Chunk " + chunk.chunkIndex() + " is dead after " + chunk.attempt() + " attempts: "
							+ chunk.lastError());
				}
			}
			else if (this.retries.isDue(chunk, now) && this.ledger.requeue(chunk, false, now)) {
				retry.add(ChunkRequest.of(this.definition.getName(), executionId, chunk.key()));
			}
		}
		if (!retry.isEmpty()) {
			this.dispatcher.dispatch(retry);
		}
	}

	private int dispatchAll(long instanceId, long executionId, ChunkStatus status) {
		List<ChunkRequest> batch = new ArrayList<>(DISPATCH_BATCH);
		int[] total = { 0 };
		this.ledger.forEach(instanceId, List.of(status), (chunk) -> {
			batch.add(ChunkRequest.of(this.definition.getName(), executionId, chunk.key()));
			if (batch.size() == DISPATCH_BATCH) {
				this.dispatcher.dispatch(batch);
				total[0] += batch.size();
				batch.clear();
			}
		});
		this.dispatcher.dispatch(batch);
		return total[0] + batch.size();
	}

}
