package io.chunking.job.spi;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.RateLimit;
import io.chunking.job.RecordSource;
import io.chunking.job.ResultAggregation;

/**
 * What the master and worker runtimes read from a {@link ChunkedJobDefinition} to run it: the items to slice, the
 * chunk size, and the processor, sink, aggregation and step customization of a chunk attempt. Not for job authors:
 * a job is declared with {@link ChunkedJob#named(String)}, whose definitions implement this interface; the runtimes
 * reach it with {@link #of(ChunkedJobDefinition)}.
 *
 * @param <I> item type
 * @param <O> processor output type
 */
public interface ChunkedJobRuntime<I, O> extends ChunkedJobDefinition<I, O> {

	/**
	 * The runtime view of a definition.
	 * @throws IllegalArgumentException if the definition was not built with {@link ChunkedJob#named(String)} and
	 * does not implement this interface
	 */
	@SuppressWarnings("unchecked")
	static <I, O> ChunkedJobRuntime<I, O> of(ChunkedJobDefinition<I, O> definition) {
		if (definition instanceof ChunkedJobRuntime<?, ?> runtime) {
			return (ChunkedJobRuntime<I, O>) runtime;
		}
		throw new IllegalArgumentException("Job definition '" + definition.getName() + "' (" + definition.getClass()
				.getName() + ") cannot be run: build it with ChunkedJob.named(..) or implement "
				+ ChunkedJobRuntime.class.getName());
	}

	/**
	 * Where the items come from: the records the master slices into payloads, and how a worker reads a record into
	 * an item.
	 */
	RecordSource<?, I> getSource();

	/**
	 * Items per chunk for a run with these arguments, checked against {@link ChunkSizes}.
	 * @throws io.chunking.job.InvalidJobArgumentsException naming the chunk size parameter if out of bounds
	 */
	int chunkSize(JobArguments arguments);

	/** The processor of one chunk attempt. */
	ItemProcessor<? super I, ? extends O> processor(ChunkAttempt attempt);

	/** Where the outputs go, or {@code null} if the job keeps only its aggregation. */
	@Nullable ChunkSink<? super O> getSink();

	/** The aggregation of outputs into the execution's result, or {@code null} if the job has none. */
	@Nullable ResultAggregation<O, ?> getAggregation();

	/** Applies the definition's customization (skip, retry, listeners) to a worker step builder. */
	void customizeWorkerStep(ChunkOrientedStepBuilder<I, O> builder);

	/** Items of one chunk attempt processed at once; 1 processes them one after the other. */
	int getConcurrency();

	/** The rate limit every item takes a permit of before it is processed, {@code null} if none. */
	@Nullable RateLimit getRateLimit();

}
