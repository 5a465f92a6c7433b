package io.chunking.job.worker;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.ChunkedStepNames;
import io.chunking.job.ResultAggregation;
import io.chunking.store.ItemCounts;

/**
 * Runs one chunk attempt as a Spring Batch chunk-oriented step: the payload's items are read, the definition's
 * processor and writer run with the definition's fault tolerance (item skip and retry), and the outputs that were
 * written are folded into the chunk's partial result. The step's own metadata is kept in memory for the attempt
 * only; the ledger is the durable record of each chunk.
 */
public final class WorkerStepRunner {

	private final WorkerSettings settings;

	public WorkerStepRunner(WorkerSettings settings) {
		this.settings = settings;
	}

	/** Outcome of one attempt. */
	public record Result(boolean succeeded, ItemCounts counts, Object partial, Throwable failure) {
	}

	public <I, O> Result run(ChunkedJobDefinition<I, O> definition, ChunkAttempt attempt, List<I> items)
			throws Exception {
		return run(definition, definition.getAggregation(), attempt, items);
	}

	private <I, O, P> Result run(ChunkedJobDefinition<I, O> definition, ResultAggregation<O, P> aggregation,
			ChunkAttempt attempt, List<I> items) throws Exception {
		ResourcelessJobRepository repository = new ResourcelessJobRepository();
		FoldingWriter<O, P> writer = new FoldingWriter<>(definition.writer(attempt), aggregation);
		ChunkOrientedStepBuilder<I, O> builder = new StepBuilder(ChunkedStepNames.worker(definition.getName()),
				repository)
			.<I, O>chunk(this.settings.commitInterval())
			.transactionManager(new ResourcelessTransactionManager())
			.reader(new ListItemReader<>(items))
			.processor(definition.processor(attempt))
			.writer(writer);
		definition.customizeWorkerStep(builder);
		Step step = builder.build();
		JobInstance instance = repository.createJobInstance(definition.getName(), new JobParameters());
		JobExecution execution = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
		StepExecution stepExecution = repository.createStepExecution(step.getName(), execution);
		step.execute(stepExecution);
		ItemCounts counts = new ItemCounts(stepExecution.getReadCount(), stepExecution.getWriteCount(),
				stepExecution.getSkipCount());
		if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
			return new Result(true, counts, writer.partial, null);
		}
		List<Throwable> failures = stepExecution.getFailureExceptions();
		Throwable failure = failures.isEmpty() ? new IllegalStateException("Worker step ended "
				+ stepExecution.getStatus() + ": " + stepExecution.getExitStatus().getExitDescription())
				: failures.get(0);
		return new Result(false, counts, null, failure);
	}

	/** Writes to the definition's writer (if any), then folds what was written into the partial result. */
	private static final class FoldingWriter<O, P> implements ItemWriter<O> {

		private final ItemWriter<? super O> delegate;

		private final ResultAggregation<O, P> aggregation;

		private P partial;

		FoldingWriter(ItemWriter<? super O> delegate, ResultAggregation<O, P> aggregation) {
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
