package io.chunking.master.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
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

import io.chunking.master.batch.ExecutionQueries;
import io.chunking.store.ChunkKey;
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

	private final ExecutionControl control;

	private final ExecutionQueries queries;

	private final ChunkMaps chunkMaps;

	ExecutionsController(JobRepository jobRepository, ChunkLedger ledger, ExecutionViews views,
			ExecutionControl control, ExecutionQueries queries, ChunkMaps chunkMaps) {
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.views = views;
		this.control = control;
		this.queries = queries;
		this.chunkMaps = chunkMaps;
	}

	@GetMapping("/{id}")
	ExecutionViews.ExecutionView execution(@PathVariable long id) {
		return this.views.view(find(id));
	}

	record ExecutionList(int page, int size, long total, @Nullable String jobName, @Nullable String status,
			List<ExecutionViews.ListedExecution> executions) {
	}

	/**
	 * Executions newest first, optionally of one job and one status, each with the chunk counts and progress of its
	 * job instance (shared by all clients for a second while it runs, see {@link ListedChunkCounts}), without them
	 * while the ledger cannot be read.
	 */
	@GetMapping
	ExecutionList executions(@RequestParam(required = false) @Nullable String jobName,
			@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		checkPage(page, size);
		String job = (jobName != null && !jobName.isBlank()) ? jobName.trim() : null;
		BatchStatus filter = (status != null && !status.isBlank()) ? parse(BatchStatus.class, status) : null;
		ExecutionQueries.ExecutionPage found = this.queries.find(job, filter, page, size);
		return new ExecutionList(page, size, found.total(), job, (filter != null) ? filter.name() : null,
				this.views.listed(found.executions()));
	}

	record StatusResponse(long executionId, String status) {
	}

	/**
	 * @param executionId the new execution, running now (as a trigger answers)
	 * @param restartedExecutionId the execution that was restarted
	 */
	record RestartResponse(long executionId, long restartedExecutionId) {
	}

	/** Asks a running execution to stop: running chunks finish, no new ones start, then it is {@code STOPPED}. */
	@PostMapping("/{id}/stop")
	@ResponseStatus(HttpStatus.ACCEPTED)
	StatusResponse stop(@PathVariable long id) {
		JobExecution stopping = this.control.stop(find(id));
		return new StatusResponse(id, stopping.getStatus().name());
	}

	/** Restarts a {@code FAILED} or {@code STOPPED} execution, running only the chunks that did not succeed. */
	@PostMapping("/{id}/restart")
	@ResponseStatus(HttpStatus.ACCEPTED)
	RestartResponse restart(@PathVariable long id) {
		return new RestartResponse(this.control.restart(find(id)).getId(), id);
	}

	/** Abandons a {@code FAILED} or {@code STOPPED} execution for good. */
	@PostMapping("/{id}/abandon")
	StatusResponse abandon(@PathVariable long id) {
		return new StatusResponse(id, this.control.abandon(find(id)).getStatus().name());
	}

	@GetMapping("/{id}/chunks")
	ExecutionViews.ChunkPage chunks(@PathVariable long id, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		JobExecution execution = find(id);
		checkPage(page, size);
		ChunkStatus filter = (status != null && !status.isBlank()) ? parse(ChunkStatus.class, status) : null;
		List<ExecutionViews.ChunkView> chunks = this.ledger
			.page(execution.getJobInstanceId(), filter, page, size)
			.stream()
			.map(ExecutionViews.ChunkView::of)
			.toList();
		return new ExecutionViews.ChunkPage(id, page, size, (filter != null) ? filter.name() : null, chunks);
	}

	/** One chunk of the execution's job instance, as in a page of its chunks. */
	@GetMapping("/{id}/chunks/{index}")
	ExecutionViews.ChunkView chunk(@PathVariable long id, @PathVariable int index) {
		JobExecution execution = find(id);
		if (index < 0) {
			throw new InvalidRequestException("'index' must be 0 or more, was " + index);
		}
		return this.ledger.find(new ChunkKey(execution.getJobInstanceId(), index))
			.map(ExecutionViews.ChunkView::of)
			.orElseThrow(() -> new NoSuchChunkException(id, execution.getJobInstanceId(), index));
	}

	/**
	 * @param chunkCount number of characters in {@code statuses}
	 * @param statuses one character per chunk, in chunk index order: the first letter of its status (see
	 * {@code legend}), {@code -} for an index not in the ledger yet (slicing in progress)
	 * @param legend the status of each character
	 * @param counts chunks of the map by status
	 * @param generatedAt when the ledger was read: maps are shared by all clients for up to a second
	 */
	record ChunkMapView(long executionId, long jobInstanceId, int chunkCount, String statuses,
			Map<String, String> legend, Map<String, Long> counts, Instant generatedAt) {
	}

	/**
	 * The status of every chunk at once, one character each (about 100 KB of JSON for 100,000 chunks), read from
	 * the ledger at most once per second per job instance however many clients ask.
	 */
	@GetMapping("/{id}/chunk-map")
	ChunkMapView chunkMap(@PathVariable long id) {
		JobExecution execution = find(id);
		ChunkMaps.InstanceMap map = this.chunkMaps.get(execution.getJobInstanceId());
		Map<String, String> legend = new LinkedHashMap<>();
		ChunkMaps.legend().forEach((symbol, status) -> legend.put(symbol.toString(), status.name()));
		Map<String, Long> counts = new LinkedHashMap<>();
		map.counts().forEach((status, count) -> counts.put(status.name(), count));
		return new ChunkMapView(id, map.jobInstanceId(), map.statuses().length(), map.statuses(), legend, counts,
				map.generatedAt());
	}

	static void checkPage(int page, int size) {
		if (page < 0) {
			throw new InvalidRequestException("'page' must be 0 or more, was " + page);
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRequestException("'size' must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
		}
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String status) {
		try {
			return Enum.valueOf(type, status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("'status' must be one of " + List.of(type.getEnumConstants())
					+ ", was '" + status + "'");
		}
	}

	private JobExecution find(long id) {
		@Nullable JobExecution execution;
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
