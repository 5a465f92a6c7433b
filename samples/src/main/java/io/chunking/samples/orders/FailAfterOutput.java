package io.chunking.samples.orders;

import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.chunking.job.AttemptWriter;
import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import io.chunking.job.CompletedRun;

/**
 * A sink that makes the first attempt of chosen chunks fail after its output was written (upserted, or uploaded),
 * as a worker that crashes between writing and completing would: the chunks of the {@value #PARAMETER} parameter
 * (comma-separated indexes). Shows that a retried chunk leaves no duplicate row or document, and that an S3
 * manifest never lists the output of an attempt that did not count.
 *
 * @param <O> output type
 */
final class FailAfterOutput<O> implements ChunkSink<O> {

	/** The parameter naming the chunks whose first attempt fails after writing. */
	static final String PARAMETER = "failAfterOutput";

	private final ChunkSink<? super O> sink;

	FailAfterOutput(ChunkSink<? super O> sink) {
		this.sink = sink;
	}

	@Override
	@SuppressWarnings("unchecked")
	public ItemWriter<O> open(ChunkAttempt attempt) throws Exception {
		ItemWriter<O> writer = (ItemWriter<O>) this.sink.open(attempt);
		if (attempt.attempt() != 1 || !attempt.arguments().getIntList(PARAMETER).contains(attempt.chunkIndex())) {
			return writer;
		}
		return new AttemptWriter<>() {

			@Override
			public void write(Chunk<? extends O> chunk) throws Exception {
				writer.write(chunk);
			}

			@Override
			public void commit() throws Exception {
				if (writer instanceof AttemptWriter<?> output) {
					output.commit();
				}
				throw new IllegalStateException("Attempt 1 of chunk " + attempt.chunkIndex()
						+ " fails after writing its output (" + PARAMETER + ")");
			}

			@Override
			public void abort() {
				if (writer instanceof AttemptWriter<?> output) {
					output.abort();
				}
			}

		};
	}

	@Override
	public Map<String, Object> completed(CompletedRun run) throws Exception {
		return this.sink.completed(run);
	}

}
