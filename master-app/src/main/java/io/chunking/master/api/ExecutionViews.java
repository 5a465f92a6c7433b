package io.chunking.master.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON views of executions and chunks, combining the job repository (status, times, exit description, result) with
 * the chunk ledger (chunk and item counts; those of running executions through {@link RunningItemCounts}), and the
 * rates and time left of {@link ExecutionRates}.
 */
@Component
class ExecutionViews implements DisposableBean {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final ChunkLedger ledger;

	private final RunningItemCounts runningItemCounts;

	private final JsonMapper json = JsonMapper.builder().build();

	private final ExecutorService refresher = RunningItemCounts.refresher();

	private final ExecutionRates rates = new ExecutionRates(System::nanoTime);

	ExecutionViews(ChunkLedger ledger) {
		this.ledger = ledger;
		this.runningItemCounts = new RunningItemCounts(ledger, System::nanoTime, this.refresher);
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
	}

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

	ExecutionView view(JobExecution execution) {
		ChunkCounts counts = this.ledger.count(execution.getJobInstanceId());
		ItemCounts items = execution.isRunning() ? this.runningItemCounts.get(execution.getJobInstanceId())
				: this.ledger.itemCounts(execution.getJobInstanceId());
		double progress = (counts.total() == 0) ? (execution.isRunning() ? 0 : 100)
				: Math.floor(1000.0 * counts.terminal() / counts.total()) / 10.0;
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
