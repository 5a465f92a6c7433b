package io.chunking.master.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerState;

/**
 * Live and recently lost workers, from their heartbeats. A worker silent for longer than its lease is
 * {@code LOST}; one shutting down is {@code DRAINING}. Each shows the chunks in hand
 * ({@code job/instance/index/attempt}) and its concurrency (chunks at once per job); {@code currentChunk} is the first
 * chunk in hand, as before workers reported several.
 */
@RestController
@RequestMapping("/api/workers")
class WorkersController {

	private final WorkerRegistry registry;

	private final WorkerAdvisor advisor;

	WorkersController(WorkerRegistry registry, WorkerAdvisor advisor) {
		this.registry = registry;
		this.advisor = advisor;
	}

	record WorkerView(String id, String host, long pid, List<String> jobs, WorkerState state, Instant startedAt,
			Instant lastHeartbeat, List<String> chunksInHand, @Nullable String currentChunk, int concurrency, long chunksDone) {
	}

	@GetMapping
	List<WorkerView> workers() {
		Instant now = Instant.now();
		return this.registry.list()
			.stream()
			.map((worker) -> new WorkerView(worker.id(), worker.host(), worker.pid(), worker.jobs(),
					worker.stateAt(now), worker.startedAt(), worker.lastHeartbeat(), worker.chunksInHand(),
					worker.currentChunk(), worker.concurrency(), worker.chunksDone()))
			.toList();
	}

	/**
	 * For each job with queued chunks in its running executions: how long they take with the live workers serving
	 * it, and with twice as many (or, without any, that one must start), from the median duration of its last
	 * succeeded chunks. An estimate: chunks of other sizes, a store or a broker at its limit change it.
	 */
	@GetMapping("/advice")
	List<WorkerAdvice> advice() {
		return this.advisor.advise();
	}

}
