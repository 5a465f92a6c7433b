package io.chunking.master.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.protocol.ChunkQueues;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.broker.DeadLetterQueue;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkStatus;
import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerState;
import io.chunking.store.WorkerStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of the master, read from the stores at most once per {@link #MAX_AGE} however often they are scraped, on
 * a thread of their own: a scrape waits at most {@link #MAX_WAIT} for them and otherwise gets the previous values.
 * <ul>
 * <li>{@code chunking.chunks} by {@code job} and {@code status}: chunks of the executions running now, one ledger
 * aggregation per execution;</li>
 * <li>{@code chunking.workers} by {@code state} ({@code ACTIVE}, {@code DRAINING}, {@code LOST}), from the worker
 * registry, and {@code chunking.workers.active}: the {@code ACTIVE} ones (heartbeat within their lease);</li>
 * <li>{@code chunking.queue.depth} by {@code job}: chunk requests waiting in the job's queue on the broker
 * (-1 while the broker does not answer);</li>
 * <li>{@code chunking.dead.letters} by {@code job}: the job's messages on the dead-letter queue (-1 while the broker
 * does not answer).</li>
 * </ul>
 */
class ChunkingGauges implements MeterBinder, AutoCloseable {

	/** Age after which the gauges' values are read again. */
	static final Duration MAX_AGE = Duration.ofSeconds(5);

	/** Longest a scrape waits for the stores before it gets the previous values. */
	static final Duration MAX_WAIT = Duration.ofSeconds(2);

	private static final Log logger = LogFactory.getLog(ChunkingGauges.class);

	private final JobCatalog catalog;

	private final JobRepository jobRepository;

	private final ChunkLedger ledger;

	private final WorkerRegistry workers;

	private final QueueDepthProbe queues;

	private final ChunkQueues queueNames;

	private final DeadLetterQueue deadLetters;

	private final CachedReading<Snapshot> snapshot;

	ChunkingGauges(JobCatalog catalog, JobRepository jobRepository, ChunkLedger ledger, WorkerRegistry workers,
			QueueDepthProbe queues, ChunkQueues queueNames, DeadLetterQueue deadLetters) {
		this.catalog = catalog;
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.workers = workers;
		this.queues = queues;
		this.queueNames = queueNames;
		this.deadLetters = deadLetters;
		this.snapshot = new CachedReading<>(() -> take(Instant.now()), Snapshot.EMPTY, MAX_AGE, MAX_WAIT,
				"chunking-gauges");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ChunkedJobDefinition<?, ?> definition : this.catalog.definitions()) {
			String job = definition.getName();
			for (ChunkStatus status : ChunkStatus.values()) {
				Gauge.builder("chunking.chunks", () -> current().chunks(job).get(status))
					.description("Chunks of the running executions by status")
					.tag("job", job)
					.tag("status", status.name())
					.register(registry);
			}
			Gauge.builder("chunking.queue.depth", () -> current().queueDepth().getOrDefault(job, -1L))
				.description("Chunk requests waiting in the job's queue on the broker")
				.tag("job", job)
				.register(registry);
			Gauge.builder("chunking.dead.letters", () -> current().deadLetters().getOrDefault(job, -1L))
				.description("Messages from the job's queue on the dead-letter queue")
				.tag("job", job)
				.register(registry);
		}
		for (WorkerState state : WorkerState.values()) {
			Gauge.builder("chunking.workers", () -> current().workers().getOrDefault(state, 0L))
				.description("Workers by state, from their heartbeats")
				.tag("state", state.name())
				.register(registry);
		}
		Gauge.builder("chunking.workers.active", () -> current().workers().getOrDefault(WorkerState.ACTIVE, 0L))
			.description("Workers whose heartbeat is within their lease and that take chunks")
			.register(registry);
	}

	private Snapshot current() {
		return this.snapshot.get();
	}

	private Snapshot take(Instant now) {
		Map<String, Map<ChunkStatus, Long>> chunks = new HashMap<>();
		for (ChunkedJobDefinition<?, ?> definition : this.catalog.definitions()) {
			String job = definition.getName();
			Map<ChunkStatus, Long> byStatus = new EnumMap<>(ChunkStatus.class);
			try {
				for (JobExecution execution : this.jobRepository.findRunningJobExecutions(job)) {
					ChunkCounts counts = this.ledger.count(execution.getJobInstanceId());
					for (ChunkStatus status : ChunkStatus.values()) {
						byStatus.merge(status, counts.get(status), Long::sum);
					}
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not count chunks of " + job + ": " + ex.getMessage());
			}
			chunks.put(job, byStatus);
		}
		Map<String, Long> depth = queueDepths();
		Map<WorkerState, Long> workerStates = new EnumMap<>(WorkerState.class);
		try {
			for (WorkerStatus worker : this.workers.list()) {
				workerStates.merge(worker.stateAt(now), 1L, Long::sum);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not list workers: " + ex.getMessage());
		}
		return new Snapshot(chunks, depth, workerStates, deadLetters());
	}

	/** Dead letters by job name, empty if the broker does not answer. */
	private Map<String, Long> deadLetters() {
		Map<String, Long> byJob = new HashMap<>();
		try {
			DeadLetterQueue.Counts counts = this.deadLetters.counts();
			for (ChunkedJobDefinition<?, ?> definition : this.catalog.definitions()) {
				byJob.put(definition.getName(), counts.of(this.queueNames.queueFor(definition.getName())));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not count the dead letters: " + ex.getMessage());
		}
		return byJob;
	}

	/** Queue depth by job name, one management session for all queues. */
	private Map<String, Long> queueDepths() {
		Map<String, String> jobsByQueue = new LinkedHashMap<>();
		for (ChunkedJobDefinition<?, ?> definition : this.catalog.definitions()) {
			jobsByQueue.put(this.queueNames.queueFor(definition.getName()), definition.getName());
		}
		Map<String, Long> depth = new HashMap<>();
		try {
			this.queues.messageCounts(jobsByQueue.keySet())
				.forEach((queue, count) -> depth.put(jobsByQueue.get(queue), count));
		}
		catch (Exception ex) {
			logger.debug("Could not read the queue depths: " + ex.getMessage());
		}
		return depth;
	}

	@Override
	public void close() {
		this.snapshot.close();
	}

	private record Snapshot(Map<String, Map<ChunkStatus, Long>> chunkCounts, Map<String, Long> queueDepth,
			Map<WorkerState, Long> workers, Map<String, Long> deadLetters) {

		static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), Map.of());

		Map<ChunkStatus, Long> chunks(String job) {
			Map<ChunkStatus, Long> counts = new EnumMap<>(ChunkStatus.class);
			for (ChunkStatus status : ChunkStatus.values()) {
				counts.put(status, this.chunkCounts.getOrDefault(job, Map.of()).getOrDefault(status, 0L));
			}
			return counts;
		}

	}

}
