package io.chunking.worker.chunk;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.chunking.job.ChunkAttempt;

/**
 * The threads that process the items of one chunk attempt at once, for a job whose concurrency is above 1: exactly
 * that many, named after the job, its instance and the chunk ({@code demo-checksum#17/3-item-2} is the second
 * thread of chunk 3 of job instance 17), and stopped when the attempt ends, whether it succeeded or not.
 * <p>
 * The chunk-oriented step submits the items of one commit interval at a time and waits for all of them before it
 * writes, so at most a commit interval's items are ever queued; the queue holds that many. Stopping interrupts the
 * items still running (those of a commit interval that failed) and drops those not started; it waits at most
 * {@link #STOP_TIMEOUT} for them, so a processor that ignores interrupts cannot hold the worker.
 */
final class ItemThreads implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ItemThreads.class);

	/** Longest wait for the threads to stop when the attempt ends. */
	static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final String name;

	private final ThreadPoolExecutor pool;

	/**
	 * @param threads items processed at once
	 * @param commitInterval items the step submits at once
	 */
	ItemThreads(ChunkAttempt attempt, int threads, int commitInterval) {
		this.name = attempt.jobName() + "#" + attempt.jobInstanceId() + "/" + attempt.chunkIndex();
		CustomizableThreadFactory factory = new CustomizableThreadFactory(this.name + "-item-");
		factory.setDaemon(true);
		this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(Math.max(1, commitInterval)), factory);
	}

	/** The executor the step processes items on. */
	AsyncTaskExecutor executor() {
		return new TaskExecutorAdapter(this.pool);
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
		try {
			if (!this.pool.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Items of " + this.name + " still run " + STOP_TIMEOUT
						+ " after their attempt ended; their processor does not stop when interrupted");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
