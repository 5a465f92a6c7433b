package io.chunking.master.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.chunking.master.batch.ExecutionQueries;
import io.chunking.master.manager.ChunkedJobFactory;
import io.chunking.master.manager.RunParameters;
import io.chunking.master.schedule.Schedule;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ItemCounts;
import io.chunking.store.SkippedItem;
import io.chunking.store.StoreUnavailableException;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON views of executions and chunks, combining the job repository (status, times, exit description, result) with
 * the chunk ledger (chunk and item counts; item counts of running executions through {@link RunningItemCounts}, chunk
 * counts of listed executions through {@link ListedChunkCounts}), and the rates and time left of
 * {@link ExecutionRates}.
 */
@Component
class ExecutionViews implements DisposableBean {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final ChunkLedger ledger;

	private final RunningItemCounts runningItemCounts;

	private final ListedChunkCounts listedChunkCounts;

	private final JsonMapper json = JsonMapper.builder().build();

	private final ExecutorService refresher = RunningItemCounts.refresher();

	private final ExecutionRates rates = new ExecutionRates(System::nanoTime);

	ExecutionViews(ChunkLedger ledger, ListedChunkCounts listedChunkCounts) {
		this.ledger = ledger;
		this.listedChunkCounts = listedChunkCounts;
		this.runningItemCounts = new RunningItemCounts(ledger, System::nanoTime, this.refresher);
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
	}

	@Schema(description = "Chunks of the execution's job instance by status, and in all")
	record Chunks(long pending, long running, long succeeded, long failed, long dead, long total) {

		static Chunks of(ChunkCounts counts) {
			return new Chunks(counts.get(ChunkStatus.PENDING), counts.get(ChunkStatus.RUNNING),
					counts.get(ChunkStatus.SUCCEEDED), counts.get(ChunkStatus.FAILED), counts.get(ChunkStatus.DEAD),
					counts.total());
		}

	}

	record Items(long read, long written, long skipped) {
	}

	record ExecutionView(long id, String jobName, long jobInstanceId, String status, String exitCode,
			String exitDescription, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime,
			Map<String, String> parameters, Chunks chunks, Items items, double progress, @Nullable Double itemsPerSecond,
			Map<String, Object> result, @Nullable String schedule, @Nullable String fireTime,
			ExecutionRates.Rates rates) {
	}

	/**
	 * An execution as {@code GET /api/executions} lists it: its row of the job repository, and the chunk counts and
	 * progress of its job instance from {@link ListedChunkCounts} (up to a second old for a running execution).
	 */
	@Schema(description = "An execution as listed, with the chunk counts and progress of its job instance as "
			+ "GET /api/executions/{id} gives them; those of a running execution are up to 1 s old")
	record ListedExecution(long id, String jobName, long jobInstanceId, String status, String exitCode,
			@Nullable LocalDateTime createTime, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime,
			@Schema(description = "Absent while the chunk ledger (MongoDB) cannot be read: the list is answered from the "
					+ "job repository alone then") @Nullable Chunks chunks,
			@Schema(description = "Percent of the chunks done (succeeded or dead), one decimal down; 100 for an ended "
					+ "execution without chunks; absent with chunks") @Nullable Double progress) {
	}

	record ChunkView(int index, String status, int attempts, int itemCount, @Nullable String workerId,
			Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
			@Nullable Instant leaseExpiresAt, Items items, @Nullable ChunkError lastError, List<SkippedItem> skips) {

		static ChunkView of(ChunkRecord chunk) {
			ItemCounts counts = chunk.counts();
			return new ChunkView(chunk.chunkIndex(), chunk.status().name(), chunk.attempt(), chunk.itemCount(),
					chunk.workerId(), chunk.createdAt(), chunk.startedAt(), chunk.finishedAt(), chunk.leaseExpiresAt(),
					new Items(counts.read(), counts.written(), counts.skipped()), chunk.lastError(), chunk.skips());
		}

	}

	record ChunkPage(long executionId, int page, int size, @Nullable String status, List<ChunkView> chunks) {
	}

	/**
	 * The executions as listed, with their chunk counts; while the ledger cannot be read (the first count that fails
	 * says so, and the others of the page are not tried), without them: the list needs the job repository only.
	 */
	List<ListedExecution> listed(List<ExecutionQueries.ExecutionSummary> summaries) {
		List<ListedExecution> listed = new ArrayList<>(summaries.size());
		boolean ledgerAway = false;
		for (ExecutionQueries.ExecutionSummary summary : summaries) {
			boolean running = BatchStatus.valueOf(summary.status()).isRunning();
			@Nullable ChunkCounts counts = null;
			if (!ledgerAway) {
				try {
					counts = this.listedChunkCounts.get(summary.jobInstanceId(), running);
				}
				catch (StoreUnavailableException ex) {
					ledgerAway = true;
				}
			}
			listed.add(new ListedExecution(summary.id(), summary.jobName(), summary.jobInstanceId(), summary.status(),
					summary.exitCode(), summary.createTime(), summary.startTime(), summary.endTime(),
					(counts != null) ? Chunks.of(counts) : null, (counts != null) ? progress(counts, running) : null));
		}
		return listed;
	}

	ExecutionView view(JobExecution execution) {
		ChunkCounts counts = this.ledger.count(execution.getJobInstanceId());
		ItemCounts items = execution.isRunning() ? this.runningItemCounts.get(execution.getJobInstanceId())
				: this.ledger.itemCounts(execution.getJobInstanceId());
		double progress = progress(counts, execution.isRunning());
		return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getJobInstanceId(), execution.getStatus().name(), execution.getExitStatus().getExitCode(),
				execution.getExitStatus().getExitDescription(), execution.getStartTime(), execution.getEndTime(),
				RunParameters.arguments(execution.getJobParameters()), Chunks.of(counts),
				new Items(items.read(), items.written(), items.skipped()), progress, throughput(execution, items),
				result(execution), execution.getJobParameters().getString(Schedule.SCHEDULE_PARAMETER),
				execution.getJobParameters().getString(Schedule.FIRE_TIME_PARAMETER),
				this.rates.of(execution.getId(), execution.getStatus() == BatchStatus.STARTED, elapsed(execution),
						items.written(), counts));
	}

	/** Percent of the chunks done (succeeded or dead), one decimal down; 100 for an ended execution without chunks. */
	private static double progress(ChunkCounts counts, boolean running) {
		return (counts.total() == 0) ? (running ? 0 : 100)
				: Math.floor(1000.0 * counts.terminal() / counts.total()) / 10.0;
	}

	private static @Nullable Double throughput(JobExecution execution, ItemCounts items) {
		Duration elapsed = elapsed(execution);
		long millis = (elapsed != null) ? elapsed.toMillis() : 0;
		return (millis > 0) ? Math.round(items.written() * 10_000.0 / millis) / 10.0 : null;
	}

	/** Time since the execution started, to its end if it ended; {@code null} before it started. */
	private static @Nullable Duration elapsed(JobExecution execution) {
		if (execution.getStartTime() == null) {
			return null;
		}
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now();
		return Duration.between(execution.getStartTime(), end);
	}

	private Map<String, Object> result(JobExecution execution) {
		String result = execution.getExecutionContext().containsKey(ChunkedJobFactory.RESULT_KEY)
				? execution.getExecutionContext().getString(ChunkedJobFactory.RESULT_KEY) : null;
		return (result != null) ? this.json.readValue(result, MAP) : new LinkedHashMap<>();
	}

}
