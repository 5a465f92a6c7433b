package io.chunking.master.manager;

import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.chunking.job.JobArguments;
import io.chunking.master.manager.dispatch.ChunkDispatchException;
import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.protocol.ChunkRequest;
import io.chunking.protocol.payload.ItemCodec;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkLedger;
import io.chunking.store.NewChunk;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunRecord;
import io.chunking.store.RunStore;
import io.chunking.store.StoreOutage;
import io.chunking.store.StoreRetry;
import io.chunking.store.StoreUnavailableException;

/**
 * First step of a chunked job: streams the definition's items into chunks (payloads in the payload store, pending
 * entries in the ledger) and sends each batch of chunks to the workers as soon as it is recorded, so that workers
 * start on the first chunks while the rest is sliced. A slice that did not finish (the master died) is discarded
 * and done again; a finished one is never redone, so a restart or a recovering master reuses the stored payloads.
 * <p>
 * Chunks that workers take while slicing goes on are supervised only once the slice ends (lease expiry and retries
 * are the process step's); a request that could not be sent is sent by the process step, which sends every pending
 * chunk unless this step could send them all ({@link #DISPATCHED}).
 */
final class SliceTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(SliceTasklet.class);

	/** Step execution context key of the number of chunks. */
	static final String CHUNK_COUNT = "chunking.chunkCount";

	/**
	 * Step execution context key, true if this step sliced the items (rather than reusing an earlier slice): every
	 * chunk then belongs to this execution, and none is to be reset.
	 */
	static final String SLICED_HERE = "chunking.slicedHere";

	/** Step execution context key, true if this step sliced the items and sent the request of every chunk. */
	static final String DISPATCHED = "chunking.dispatchedWhileSlicing";

	private final ChunkedJobRuntime<?, ?> definition;

	private final PayloadStore payloads;

	private final ChunkLedger ledger;

	private final RunStore runs;

	private final ManagerSettings settings;

	private final HandoverSignal handover;

	private final Slicer slicer;

	private final ChunkDispatcher dispatcher;

	SliceTasklet(ChunkedJobRuntime<?, ?> definition, PayloadStore payloads, ChunkLedger ledger, RunStore runs,
			ChunkDispatcher dispatcher, ManagerSettings settings, HandoverSignal handover) {
		this.definition = definition;
		this.dispatcher = dispatcher;
		this.payloads = payloads;
		this.ledger = ledger;
		this.runs = runs;
		this.settings = settings;
		this.handover = handover;
		this.slicer = new Slicer(payloads, ledger, new ItemCodec(), settings);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution stepExecution = contribution.getStepExecution();
		JobExecution jobExecution = stepExecution.getJobExecution();
		long instanceId = jobExecution.getJobInstanceId();
		StoreRetry retry = new StoreRetry(this.settings.storeOutageLimit(), OutageTolerance.LIMIT_PROPERTY,
				new StoreOutage());
		RunOwnership ownership = RunOwnership.of(this.runs, this.settings, this.handover, jobExecution);
		retry.run("Taking the ownership of execution " + jobExecution.getId(), ownership::acquire);
		RunRecord existing = retry.call("Reading the run of job instance " + instanceId,
				() -> this.runs.find(instanceId)).orElse(null);
		if (existing != null && existing.sliced()) {
			logger.info("Job instance " + instanceId + " of '" + this.definition.getName() + "' is already sliced into "
					+ existing.chunkCount() + " chunks; reusing them");
			record(stepExecution, existing.chunkCount(), existing.itemCount());
			return RepeatStatus.FINISHED;
		}
		if (existing != null && existing.createdAt() != null) {
			logger.warn("Discarding the unfinished slice of job instance " + instanceId + " and slicing again");
			retry.run("Deleting the chunks of job instance " + instanceId, () -> this.ledger.deleteAll(instanceId));
			retry.run("Deleting the payloads of job instance " + instanceId,
					() -> this.payloads.deletePrefix(ChunkKeys.instancePrefix(this.definition.getName(), instanceId)));
		}
		JobArguments arguments = this.definition.validate(RunParameters.arguments(jobExecution.getJobParameters()));
		int chunkSize = this.definition.chunkSize(arguments);
		retry.run("Recording the start of the slice of job instance " + instanceId,
				() -> this.runs.begin(instanceId, this.definition.getName(), arguments.asStrings()));
		long started = System.nanoTime();
		Slicer.Totals totals;
		EarlyDispatch dispatch = new EarlyDispatch(instanceId, jobExecution.getId());
		try (Stream<?> items = SourceReadException.records(this.definition.getName(), this.definition.getSource(),
				arguments)) {
			totals = this.slicer.slice(this.definition.getName(), instanceId, jobExecution.getId(), items, chunkSize,
					() -> renewIfReachable(ownership), dispatch);
		}
		Slicer.Totals sliced = totals;
		retry.run("Recording the end of the slice of job instance " + instanceId,
				() -> this.runs.sliced(instanceId, sliced.chunks(), sliced.items()));
		record(stepExecution, totals.chunks(), totals.items());
		stepExecution.getExecutionContext().put(SLICED_HERE, true);
		stepExecution.getExecutionContext().put(DISPATCHED, dispatch.sentAll());
		logger.info("Sliced " + totals.items() + " items of '" + this.definition.getName() + "' into "
				+ totals.chunks() + " chunks of up to " + chunkSize + " in "
				+ (System.nanoTime() - started) / 1_000_000 + " ms");
		return RepeatStatus.FINISHED;
	}

	/**
	 * Sends the requests of each recorded batch of chunks. If the broker fails, it stops sending for the rest of the
	 * slice and leaves the requests to the process step (which sends every pending chunk, also those of the batch
	 * that was recorded as dispatched but could not be sent).
	 */
	private final class EarlyDispatch implements Slicer.RecordedChunks {

		private final long instanceId;

		private final long executionId;

		private boolean failed;

		EarlyDispatch(long instanceId, long executionId) {
			this.instanceId = instanceId;
			this.executionId = executionId;
		}

		@Override
		public boolean sendsNext() {
			return !this.failed;
		}

		/** Sends the requests of chunks recorded as dispatched. */
		@Override
		public void recorded(List<NewChunk> chunks) {
			if (this.failed) {
				return;
			}
			String jobName = SliceTasklet.this.definition.getName();
			try {
				SliceTasklet.this.dispatcher.dispatch(chunks.stream()
					.map((chunk) -> ChunkRequest.of(jobName, this.executionId, chunk.key()))
					.toList());
			}
			catch (ChunkDispatchException ex) {
				this.failed = true;
				logger.warn("Execution " + this.executionId + " stops sending chunks while slicing (" + ex.getMessage()
						+ "); its process step sends every pending chunk once the slice ends");
			}
		}

		boolean sentAll() {
			return !this.failed;
		}

	}

	/** Renews the ownership; while the run store is away the slice's own retries bound the outage. */
	private static void renewIfReachable(RunOwnership ownership) {
		try {
			ownership.renewIfDue();
		}
		catch (StoreUnavailableException ex) {
			logger.debug("Ownership not renewed: " + ex.getMessage());
		}
	}

	private static void record(StepExecution stepExecution, int chunks, long items) {
		stepExecution.getExecutionContext().putInt(CHUNK_COUNT, chunks);
		stepExecution.setReadCount(items);
		stepExecution.setWriteCount(chunks);
	}

}
