package io.chunking.job;

import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * A writer of one chunk attempt, as a {@link ChunkSink} may make one. Besides writing the attempt's outputs, it can hold
 * them back until the attempt's step has succeeded ({@link #commit()}) and drop them if it failed
 * ({@link #abort()}).
 *
 * @param <O> processor output type
 */
public interface AttemptWriter<O> extends ItemWriter<O> {

	/**
	 * Called on the worker once the attempt's step has succeeded and before the chunk is marked succeeded in the
	 * ledger: makes the attempt's output durable (e.g. uploads the object it buffered). A failure fails the attempt.
	 */
	default void commit() throws Exception {
	}

	/** Called on the worker when the attempt failed (in its step or in {@link #commit()}): releases what it holds. */
	default void abort() {
	}

}
