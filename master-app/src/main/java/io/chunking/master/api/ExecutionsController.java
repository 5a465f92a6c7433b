package io.chunking.master.api;

import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.chunking.master.recovery.LocalExecutions;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkStatus;

/**
 * Status of executions, down to each chunk. Chunk counts come from one aggregation over the ledger, never from
 * reading every chunk.
 */
@RestController
@RequestMapping("/api/executions")
class ExecutionsController {

	/** Largest page of chunks one request may ask for. */
	static final int MAX_PAGE_SIZE = 1000;

	private final JobRepository jobRepository;

	private final ChunkLedger ledger;

	private final ExecutionViews views;

	private final JobOperator jobOperator;

	private final LocalExecutions local;

	ExecutionsController(JobRepository jobRepository, ChunkLedger ledger, ExecutionViews views,
			JobOperator jobOperator, LocalExecutions local) {
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.views = views;
		this.jobOperator = jobOperator;
		this.local = local;
	}

	@GetMapping("/{id}")
	ExecutionViews.ExecutionView execution(@PathVariable long id) {
		return this.views.view(find(id));
	}

	record RestartResponse(long executionId, long restartedExecutionId) {
	}

	/**
	 * Restarts a {@code FAILED} or {@code STOPPED} execution: a new execution of the same job instance that reuses
	 * the slice, re-dispatches only the chunks that did not succeed and gives failed and dead chunks a fresh set of
	 * attempts.
	 */
	@PostMapping("/{id}/restart")
	@ResponseStatus(HttpStatus.ACCEPTED)
	RestartResponse restart(@PathVariable long id) throws Exception {
		JobExecution execution = find(id);
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
			throw new ConflictException("Execution " + id + " is " + status
					+ "; only FAILED or STOPPED executions can be restarted");
		}
		JobExecution restarted;
		try {
			restarted = this.jobOperator.restart(execution);
			this.local.register(restarted);
		}
		catch (JobRestartException ex) {
			throw new ConflictException("Execution " + id + " cannot be restarted: " + ex.getMessage());
		}
		return new RestartResponse(restarted.getId(), id);
	}

	@GetMapping("/{id}/chunks")
	ExecutionViews.ChunkPage chunks(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		JobExecution execution = find(id);
		if (page < 0) {
			throw new InvalidRequestException("'page' must be 0 or more, was " + page);
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRequestException("'size' must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
		}
		ChunkStatus filter = (status != null && !status.isBlank()) ? parseStatus(status) : null;
		List<ExecutionViews.ChunkView> chunks = this.ledger
			.page(execution.getJobInstanceId(), filter, page, size)
			.stream()
			.map(ExecutionViews.ChunkView::of)
			.toList();
		return new ExecutionViews.ChunkPage(id, page, size, (filter != null) ? filter.name() : null, chunks);
	}

	private static ChunkStatus parseStatus(String status) {
		try {
			return ChunkStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("'status' must be one of " + List.of(ChunkStatus.values()) + ", was '"
					+ status + "'");
		}
	}

	private JobExecution find(long id) {
		JobExecution execution;
		try {
			execution = this.jobRepository.getJobExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			// Spring Batch 6.0's JDBC DAO throws instead of returning null for an unknown id.
			execution = null;
		}
		if (execution == null) {
			throw new NoSuchExecutionException(id);
		}
		return execution;
	}

}
