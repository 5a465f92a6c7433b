package io.chunking.job;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Where a job's outputs go: a writer per chunk attempt on the workers, and an optional last step on the master once
 * the execution's chunks are all settled. The built-in sinks of the {@code job-connectors} module (S3 objects with a
 * manifest, MongoDB and JDBC upserts) implement it; {@link ChunkedJob.Builder#writer} and
 * {@link ChunkedJob.Builder#writerPerAttempt} wrap a plain Spring Batch {@code ItemWriter} into one.
 * <p>
 * Attempts of one chunk may run more than once (a retry, a lost lease, a late zombie), so a sink either writes
 * idempotently (an upsert by key) or writes each attempt's output apart and lets {@link #completed} name the attempts
 * that count (a manifest).
 *
 * @param <O> processor output type
 */
public interface ChunkSink<O> {

	/**
	 * The writer of one chunk attempt, on a worker. As in a stock chunk-oriented step, a writer that is an
	 * {@code ItemStream} is opened, updated and closed by the attempt's step, and one that is a step listener is
	 * called back as one; one that is an {@link AttemptWriter} is also told when the attempt succeeded or failed.
	 */
	ItemWriter<O> open(ChunkAttempt attempt) throws Exception;

	/**
	 * Called on the master when the execution completes (its chunks have all succeeded, or the dead ones are
	 * tolerated), after the aggregation and before the execution is marked {@code COMPLETED}; called again if a
	 * restart completes it again, so it must be idempotent. A failure fails the execution, which can be restarted.
	 * @return entries to add to the execution's result, e.g. where a manifest was written; empty by default
	 */
	default Map<String, Object> completed(CompletedRun run) throws Exception {
		return Map.of();
	}

}
