package io.chunking.master.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An estimate of how long a job's queued chunks take with its current workers, and with twice as many.
 *
 * @param job the job's name
 * @param executionIds its running executions
 * @param queuedChunks their pending and failed chunks
 * @param runningChunks their running chunks
 * @param workers live workers serving the job
 * @param chunkSeconds median duration of the last succeeded chunks, {@code null} before any succeeded
 * @param finishSeconds seconds until the queue is done at that pace, {@code null} without a worker or a duration
 * @param advice the advice in words
 * @param estimate always true: this is an estimate from the current pace, not a promise
 */
record WorkerAdvice(String job, List<Long> executionIds, long queuedChunks, long runningChunks, int workers,
		@Nullable Double chunkSeconds, @Nullable Long finishSeconds, String advice, boolean estimate) {

	/**
	 * @param concurrency the chunks the workers process at once, together
	 */
	static WorkerAdvice of(String job, List<Long> executionIds, long queued, long running, int workers,
			int concurrency, @Nullable Double chunkSeconds) {
		if (workers == 0) {
			return new WorkerAdvice(job, executionIds, queued, running, 0, chunkSeconds, null,
					"no worker runs this job: start one", true);
		}
		String more = workers + " more worker" + ((workers == 1) ? "" : "s");
		if (chunkSeconds == null) {
			return new WorkerAdvice(job, executionIds, queued, running, workers, null, null,
					more + " would finish about twice as fast; no chunk has succeeded yet to estimate the time", true);
		}
		long finish = Math.round(queued * chunkSeconds / concurrency);
		long doubled = Math.round(queued * chunkSeconds / (2.0 * concurrency));
		return new WorkerAdvice(job, executionIds, queued, running, workers, chunkSeconds, finish,
				more + " would finish in about " + duration(doubled) + " instead of " + duration(finish), true);
	}

	/** Seconds in words: {@code 45 s}, {@code 32 min}, {@code 2.5 h}. */
	static String duration(long seconds) {
		if (seconds < 90) {
			return seconds + " s";
		}
		if (seconds < 90 * 60) {
			return Math.round(seconds / 60.0) + " min";
		}
		return (Math.round(seconds / 360.0) / 10.0) + " h";
	}

}
