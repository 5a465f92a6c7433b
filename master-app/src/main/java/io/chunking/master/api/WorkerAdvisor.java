package io.chunking.master.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.master.batch.JobCatalog;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ChunkTiming;
import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerState;
import io.chunking.store.WorkerStatus;

/**
 * How many workers each job with queued work would need, estimated from what the stores show now: the chunks queued
 * (pending and failed) in the job's running executions, the median duration of its last succeeded chunks (at most
 * {@link #RECENT_CHUNKS}, read by index from the ledger) and the concurrency of the live workers serving it.
 */
@Component
class WorkerAdvisor {

	/** Most succeeded chunks whose durations make an estimate. */
	static final int RECENT_CHUNKS = 200;

	/**
	 * How far past the chunks that left {@code PENDING} the recent succeeded ones are looked for: chunks finish a
	 * little out of index order.
	 */
	private static final int OUT_OF_ORDER = 1000;

	private final JobCatalog catalog;

	private final JobRepository jobRepository;

	private final ChunkLedger ledger;

	private final WorkerRegistry workers;

	private final Clock clock;

	@Autowired
	WorkerAdvisor(JobCatalog catalog, JobRepository jobRepository, ChunkLedger ledger, WorkerRegistry workers) {
		this(catalog, jobRepository, ledger, workers, Clock.systemUTC());
	}

	WorkerAdvisor(JobCatalog catalog, JobRepository jobRepository, ChunkLedger ledger, WorkerRegistry workers,
			Clock clock) {
		this.catalog = catalog;
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.workers = workers;
		this.clock = clock;
	}

	List<WorkerAdvice> advise() {
		Instant now = this.clock.instant();
		List<WorkerStatus> live = this.workers.list()
			.stream()
			.filter((worker) -> worker.stateAt(now) == WorkerState.ACTIVE)
			.toList();
		List<WorkerAdvice> advice = new ArrayList<>();
		for (ChunkedJobDefinition<?, ?> definition : this.catalog.definitions()) {
			WorkerAdvice job = advise(definition.getName(), live);
			if (job != null) {
				advice.add(job);
			}
		}
		return advice;
	}

	private @Nullable WorkerAdvice advise(String job, List<WorkerStatus> live) {
		List<Long> executionIds = new ArrayList<>();
		long queued = 0;
		long running = 0;
		List<ChunkTiming> timings = new ArrayList<>();
		for (JobExecution execution : this.jobRepository.findRunningJobExecutions(job)) {
			ChunkCounts counts = this.ledger.count(execution.getJobInstanceId());
			executionIds.add(execution.getId());
			queued += counts.get(ChunkStatus.PENDING) + counts.get(ChunkStatus.FAILED);
			running += counts.get(ChunkStatus.RUNNING);
			long bound = counts.total() - counts.get(ChunkStatus.PENDING) + OUT_OF_ORDER;
			timings.addAll(this.ledger.succeededBelow(execution.getJobInstanceId(),
					(int) Math.min(Integer.MAX_VALUE, Math.min(counts.total(), bound)), RECENT_CHUNKS));
		}
		if (queued == 0) {
			return null;
		}
		List<WorkerStatus> serving = live.stream().filter((worker) -> worker.jobs().contains(job)).toList();
		int concurrency = serving.stream().mapToInt((worker) -> Math.max(1, worker.concurrency())).sum();
		executionIds.sort(Comparator.naturalOrder());
		return WorkerAdvice.of(job, executionIds, queued, running, serving.size(), concurrency,
				medianSeconds(timings));
	}

	/** The median duration of the last {@link #RECENT_CHUNKS} to finish, {@code null} if none. */
	static @Nullable Double medianSeconds(List<ChunkTiming> timings) {
		List<Long> millis = timings.stream()
			.sorted(Comparator.comparing(ChunkTiming::finishedAt).reversed())
			.limit(RECENT_CHUNKS)
			.map((timing) -> timing.duration().toMillis())
			.sorted()
			.toList();
		if (millis.isEmpty()) {
			return null;
		}
		int middle = millis.size() / 2;
		double median = (millis.size() % 2 == 1) ? millis.get(middle)
				: (millis.get(middle - 1) + millis.get(middle)) / 2.0;
		return Math.round(median / 100.0) / 10.0;
	}

}
