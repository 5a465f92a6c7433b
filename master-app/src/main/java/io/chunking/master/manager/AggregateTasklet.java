package io.chunking.master.manager;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.chunking.job.ChunkSink;
import io.chunking.job.JobArguments;
import io.chunking.job.ResultAggregation;
import io.chunking.protocol.payload.ItemCodec;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.PayloadNotFoundException;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunRecord;
import io.chunking.store.RunStore;
import io.chunking.store.StoreRetry;
import io.chunking.store.StoreOutage;
import io.chunking.store.StoreUnavailableException;

/**
 * Last step of a chunked job: checks that the ledger adds up to the slice ({@link LedgerAudit}), then merges the
 * stored partial results of the chunks that succeeded (never those of rejected late attempts: the ledger names the
 * counted result of each chunk) into the execution's result, which is kept as JSON under {@value #RESULT_KEY} in
 * the step's and, promoted, the job's execution context. When dead chunks were tolerated, the result says how many
 * chunks and items were left out. Then the job's sink, if it has one, completes the run (e.g. writes the manifest of the
 * counted outputs); what it returns joins the result. The stores may be away for up to {@code storeOutageLimit}: the audit and the
 * merge start over once they answer.
 */
final class AggregateTasklet implements Tasklet {

	/** Execution context key of the result, a JSON object. */
	public static final String RESULT_KEY = "chunking.result";

	/** Result downloads in flight at once. */
	private static final int CONCURRENCY = 8;

	/** Longest wait for one result download; the S3 client's own call timeout normally ends it first. */
	private static final long DOWNLOAD_WAIT_MINUTES = 5;

	private final ChunkedJobRuntime<?, ?> definition;

	private final ChunkLedger ledger;

	private final PayloadStore payloads;

	private final RunStore runs;

	private final ManagerSettings settings;

	private final HandoverSignal handover;

	private final ItemCodec codec = new ItemCodec();

	AggregateTasklet(ChunkedJobRuntime<?, ?> definition, ChunkLedger ledger, PayloadStore payloads, RunStore runs,
			ManagerSettings settings, HandoverSignal handover) {
		this.definition = definition;
		this.ledger = ledger;
		this.payloads = payloads;
		this.runs = runs;
		this.settings = settings;
		this.handover = handover;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		long instanceId = contribution.getStepExecution().getJobExecution().getJobInstanceId();
		long executionId = contribution.getStepExecution().getJobExecution().getId();
		StoreRetry retry = new StoreRetry(this.settings.storeOutageLimit(), OutageTolerance.LIMIT_PROPERTY,
				new StoreOutage());
		RunOwnership ownership = RunOwnership.of(this.runs, this.settings, this.handover,
				contribution.getStepExecution().getJobExecution());
		retry.run("Taking the ownership of execution " + executionId, ownership::acquire);
		OutageTolerance outage = new OutageTolerance(this.settings.storeOutageLimit(), executionId);
		while (true) {
			try {
				Map<String, Object> result = aggregate(instanceId, executionId, ownership);
				outage.succeeded(Instant.now());
				contribution.getStepExecution()
					.getExecutionContext()
					.putString(RESULT_KEY, new String(this.codec.encode(result), StandardCharsets.UTF_8));
				return RepeatStatus.FINISHED;
			}
			catch (StoreUnavailableException ex) {
				outage.failed(ex, Instant.now());
				Thread.sleep(StoreRetry.MAX_BACKOFF.toMillis());
			}
		}
	}

	private Map<String, Object> aggregate(long instanceId, long executionId, RunOwnership ownership)
			throws Exception {
		RunRecord run = this.runs.find(instanceId)
			.orElseThrow(() -> new LedgerMismatchException("Job instance " + instanceId + " has no run record: "
					+ "the chunk store was cleaned while it ran"));
		LedgerAudit.check(this.ledger, run, this.definition.getName(), this.definition.getAggregation() != null);
		Map<String, Object> result = new LinkedHashMap<>();
		if (this.definition.getAggregation() != null) {
			result.putAll(merge(this.definition.getAggregation(), instanceId, ownership));
		}
		LongSummaryStatistics dead;
		try (Stream<ChunkRecord> chunks = this.ledger.stream(instanceId, List.of(ChunkStatus.DEAD))) {
			dead = chunks.mapToLong(ChunkRecord::itemCount).summaryStatistics();
		}
		if (dead.getCount() > 0) {
			result.put("deadChunks", dead.getCount());
			result.put("itemsLeftOut", dead.getSum());
		}
		ChunkSink<?> sink = this.definition.getSink();
		if (sink != null) {
			JobArguments arguments = this.definition.validate(run.arguments());
			result.putAll(sink.completed(new LedgerCompletedRun(this.ledger, this.definition.getName(), instanceId,
					executionId, arguments, run.chunkCount())));
		}
		return result;
	}

	private <O, P> Map<String, Object> merge(ResultAggregation<O, P> aggregation, long instanceId,
			RunOwnership ownership) throws Exception {
		ExecutorService downloads = Executors.newFixedThreadPool(CONCURRENCY,
				(task) -> new Thread(task, "chunking-aggregate"));
		try (Stream<ChunkRecord> succeeded = this.ledger.stream(instanceId, List.of(ChunkStatus.SUCCEEDED))) {
			Deque<Future<P>> inFlight = new ArrayDeque<>();
			P total = aggregation.empty();
			for (Iterator<ChunkRecord> chunks = succeeded.iterator(); chunks.hasNext();) {
				ChunkRecord chunk = chunks.next();
				inFlight.add(downloads.submit(() -> read(aggregation, chunk)));
				if (inFlight.size() >= CONCURRENCY * 4) {
					total = aggregation.merge(total, next(inFlight));
					ownership.renewIfDue();
				}
			}
			while (!inFlight.isEmpty()) {
				total = aggregation.merge(total, next(inFlight));
			}
			return aggregation.present(total);
		}
		finally {
			downloads.shutdownNow();
		}
	}

	private <O, P> P read(ResultAggregation<O, P> aggregation, ChunkRecord chunk) {
		try {
			return this.codec.decode(this.payloads.get(chunk.resultKey()), aggregation.partialType(),
					chunk.resultKey());
		}
		catch (PayloadNotFoundException ex) {
			throw new LedgerMismatchException("Chunk " + chunk.chunkIndex() + " is SUCCEEDED but the result object of "
					+ "its counted attempt " + chunk.attempt() + " is missing: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The oldest download's partial result.
	 * @throws Exception the failure of the download
	 */
	private static <P> P next(Deque<Future<P>> inFlight) throws Exception {
		try {
			return inFlight.removeFirst().get(DOWNLOAD_WAIT_MINUTES, TimeUnit.MINUTES);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ex;
		}
		catch (TimeoutException ex) {
			throw new TimeoutException("A result download took longer than " + DOWNLOAD_WAIT_MINUTES + " minutes");
		}
	}

}
