package io.chunking.worker.chunk;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.listener.StepListenerFactoryBean;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

import io.chunking.job.AttemptWriter;
import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import io.chunking.job.RateLimit;
import io.chunking.job.RateLimiters;
import io.chunking.job.RecordSource;
import io.chunking.job.ResultAggregation;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.protocol.ChunkedStepNames;
import io.chunking.store.ItemCounts;
import io.chunking.store.SkippedItem;
import io.chunking.store.memory.InMemoryRateLimitStore;
import io.chunking.store.ratelimit.SharedRateLimiters;

/**
 * Runs one chunk attempt as a Spring Batch chunk-oriented step: the payload's items are read, the definition's
 * processor and writer run with the definition's fault tolerance (item skip and retry), and the outputs that were
 * written are folded into the chunk's partial result. The step's own metadata is kept in memory for the attempt
 * only; the ledger is the durable record of each chunk.
 * <p>
 * The definition's processor and writer get the lifecycle they would have in a stock chunk-oriented step: the step
 * builder registers the processor as a stream and listener where it is one, and the writer, which the runner wraps
 * to fold the outputs, is registered the same way (see {@link #registerAsStreamAndListener}). So an
 * {@link ItemStream} writer such as a {@code FlatFileItemWriter} is opened before the attempt's first item, updated
 * at each commit and closed at the attempt's end, and a writer that is also a listener is called back.
 * <p>
 * A job whose {@link ChunkedJobRuntime#getConcurrency() concurrency} is above 1 has its items processed by Spring
 * Batch's concurrent chunk processing: the step reads the items of one commit interval
 * ({@code chunking.worker.commit-interval}), processes them on the attempt's own {@link ItemThreads} (as many as the
 * concurrency), waits for all of them and writes their outputs in item order. So the items in flight are at most the
 * smaller of the concurrency and the commit interval, and a slow item holds back the next commit interval: a commit
 * interval of several times the concurrency keeps the threads busy. Item skip and retry apply per item, on the item's
 * thread; the step's chunk listeners are not called in this mode (Spring Batch 6.0).
 * <p>
 * A job with a {@link ChunkedJobRuntime#getRateLimit() rate limit} has each item take a permit before its processor
 * processes it (each retry of the item too), on whichever thread processes it: the item threads of an attempt, and
 * every attempt of every worker, share the limit. An item that gets no permit within the limit's maximum wait fails
 * with a {@link io.chunking.job.RateLimitTimeoutException}, which the job's skip and retry policy treats as any
 * processing error.
 */
public final class WorkerStepRunner {

	private final WorkerSettings settings;

	private final RateLimiters rateLimiters;

	/** A runner whose jobs' rate limits hold in this process only (for tests). */
	public WorkerStepRunner(WorkerSettings settings) {
		this(settings, new SharedRateLimiters(new InMemoryRateLimitStore()));
	}

	/**
	 * @param rateLimiters where the items of a job with a {@link ChunkedJobRuntime#getRateLimit() rate limit} take
	 * their permits
	 */
	public WorkerStepRunner(WorkerSettings settings, RateLimiters rateLimiters) {
		this.settings = settings;
		this.rateLimiters = rateLimiters;
	}

	/**
	 * Outcome of one attempt.
	 * @param counts item counts: records its source could not read count as read and skipped
	 * @param partial the partial result, {@code null} if the attempt failed or the job has no aggregation
	 * @param skips the items skipped, with their positions (the first {@link io.chunking.store.ChunkOutcome#MAX_SKIPS})
	 * @param failure why the attempt failed, {@code null} if it succeeded
	 * @param failedAt position of the item whose processing or writing failed the attempt, {@code null} if none did
	 */
	public record Result(boolean succeeded, ItemCounts counts, @Nullable Object partial, List<SkippedItem> skips,
			@Nullable Throwable failure, @Nullable String failedAt) {
	}

	/**
	 * Runs one attempt over the records of its chunk: the definition's source reads them into items, and a sink
	 * that is an {@link AttemptWriter} commits the attempt's output once the step succeeded, or aborts it.
	 */
	public <I, O> Result run(ChunkedJobRuntime<I, O> definition, ChunkAttempt attempt, List<?> records)
			throws Exception {
		return run(definition, definition.getSource(), definition.getAggregation(), attempt, records);
	}

	@SuppressWarnings("unchecked")
	private <R, I, O, P> Result run(ChunkedJobRuntime<I, O> definition, RecordSource<R, I> source,
			@Nullable ResultAggregation<O, P> aggregation, ChunkAttempt attempt, List<?> records) throws Exception {
		ItemPositions<I, O> positions = new ItemPositions<>(attempt.chunkIndex(),
				(record) -> source.position((R) record));
		ChunkSink<? super O> sink = definition.getSink();
		ItemWriter<? super O> userWriter = (sink != null) ? open(sink, attempt) : null;
		AttemptWriter<?> output = (userWriter instanceof AttemptWriter<?> attemptWriter) ? attemptWriter : null;
		Result result;
		try {
			result = runStep(definition, aggregation, attempt, userWriter,
					new RecordReader<>(source, (List<R>) records, positions), positions);
		}
		catch (Exception | Error ex) {
			if (output != null) {
				output.abort();
			}
			throw ex;
		}
		if (output == null) {
			return result;
		}
		if (!result.succeeded()) {
			output.abort();
			return result;
		}
		try {
			output.commit();
			return result;
		}
		catch (Exception ex) {
			output.abort();
			return new Result(false, result.counts(), null, result.skips(), ex, null);
		}
	}

	@SuppressWarnings("unchecked")
	private static <O> ItemWriter<? super O> open(ChunkSink<? super O> sink, ChunkAttempt attempt) throws Exception {
		return (ItemWriter<? super O>) sink.open(attempt);
	}

	private <I, O, P> Result runStep(ChunkedJobRuntime<I, O> definition, @Nullable ResultAggregation<O, P> aggregation,
			ChunkAttempt attempt, @Nullable ItemWriter<? super O> userWriter, ItemReader<I> reader,
			ItemPositions<I, O> positions) throws Exception {
		ResourcelessJobRepository repository = new ResourcelessJobRepository();
		FoldingWriter<O, P> writer = new FoldingWriter<>(userWriter, aggregation);
		ItemProcessor<? super I, ? extends O> processor = definition.processor(attempt);
		RateLimit rateLimit = definition.getRateLimit();
		ChunkOrientedStepBuilder<I, O> builder = new StepBuilder(ChunkedStepNames.worker(definition.getName()),
				repository)
			.<I, O>chunk(this.settings.commitInterval())
			.transactionManager(new ResourcelessTransactionManager())
			.reader(reader)
			.processor((rateLimit != null)
					? new RateLimitedProcessor<>(this.rateLimiters.limiter(rateLimit), processor) : processor)
			.writer(writer);
		if (rateLimit != null) {
			registerAsStreamAndListener(builder, processor);
		}
		ItemThreads threads = (definition.getConcurrency() > 1)
				? new ItemThreads(attempt, definition.getConcurrency(), this.settings.commitInterval()) : null;
		StepExecution stepExecution;
		try {
			if (threads != null) {
				builder.taskExecutor(threads.executor());
			}
			definition.customizeWorkerStep(builder);
			builder.listener((StepListener) positions);
			if (userWriter != null) {
				registerAsStreamAndListener(builder, userWriter);
			}
			Step step = builder.build();
			JobInstance instance = repository.createJobInstance(definition.getName(), new JobParameters());
			JobExecution execution = repository.createJobExecution(instance, new JobParameters(),
					new ExecutionContext());
			stepExecution = repository.createStepExecution(step.getName(), execution);
			step.execute(stepExecution);
		}
		finally {
			if (threads != null) {
				threads.close();
			}
		}
		ItemCounts counts = new ItemCounts(stepExecution.getReadCount() + positions.unreadable(),
				stepExecution.getWriteCount(), stepExecution.getSkipCount() + positions.unreadable());
		if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
			return new Result(true, counts, writer.partial, positions.skips(), null, null);
		}
		List<Throwable> failures = stepExecution.getFailureExceptions();
		Throwable failure = failures.isEmpty() ? new IllegalStateException("Worker step ended "
				+ stepExecution.getStatus() + ": " + stepExecution.getExitStatus().getExitDescription())
				: failures.get(0);
		return new Result(false, counts, null, positions.skips(), failure, positions.failedAt(failure));
	}

	/**
	 * Registers a component the builder does not see itself (the definition's writer, hidden behind the folding
	 * writer, and a rate-limited job's processor, behind the limiter) as {@link ChunkOrientedStepBuilder#build()}
	 * registers its reader, processor and writer: as a stream if it is an {@link ItemStream}, as a listener if it
	 * implements a {@link StepListener} interface or has listener annotations.
	 */
	private static void registerAsStreamAndListener(ChunkOrientedStepBuilder<?, ?> builder, Object component) {
		if (component instanceof ItemStream stream) {
			builder.stream(stream);
		}
		if (component instanceof StepListener listener) {
			builder.listener(listener);
		}
		if (StepListenerFactoryBean.isListener(component)) {
			builder.listener(StepListenerFactoryBean.getListener(component));
		}
	}

	/** Writes to the definition's writer (if any), then folds what was written into the partial result. */
	private static final class FoldingWriter<O, P> implements ItemWriter<O> {

		private final @Nullable ItemWriter<? super O> delegate;

		private final @Nullable ResultAggregation<O, P> aggregation;

		private @Nullable P partial;

		FoldingWriter(@Nullable ItemWriter<? super O> delegate, @Nullable ResultAggregation<O, P> aggregation) {
			this.delegate = delegate;
			this.aggregation = aggregation;
			this.partial = (aggregation != null) ? aggregation.empty() : null;
		}

		@Override
		public void write(Chunk<? extends O> chunk) throws Exception {
			if (this.delegate != null) {
				this.delegate.write(chunk);
			}
			if (this.aggregation != null) {
				for (O output : chunk) {
					this.partial = this.aggregation.add(this.partial, output);
				}
			}
		}

	}

}
