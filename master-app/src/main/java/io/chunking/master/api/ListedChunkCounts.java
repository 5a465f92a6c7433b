package io.chunking.master.api;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkLedger;

/**
 * The chunk counts of the executions that {@code GET /api/executions} lists, so that a page of executions shows
 * their progress without a ledger read per execution per poll. Each is one {@link ChunkLedger#count} (a few counts
 * on the ledger's status index), shared by every client: the counts of a job instance with a running execution are
 * read at most once per {@link #RUNNING_TTL}, those of an ended execution at most once per {@link #ENDED_TTL}.
 * Counts for an ended execution are only taken from a read made while it was ended, so an execution that just
 * ended is listed with its final counts. They are up to {@link #ENDED_TTL} old only while a restart of the same job
 * instance runs: a restart changes the counts of the instance, which the executions of one instance share.
 */
@Component
class ListedChunkCounts {

	/** How long the counts of a running execution are answered without reading the ledger again. */
	static final Duration RUNNING_TTL = Duration.ofSeconds(1);

	/** How long the counts of an ended execution are answered without reading the ledger again. */
	static final Duration ENDED_TTL = Duration.ofSeconds(30);

	/** Most job instances whose counts are kept, in each of the two sets: a full page of executions. */
	static final int MAX_INSTANCES = ExecutionsController.MAX_PAGE_SIZE;

	private final InstanceReads<ChunkCounts> running;

	private final InstanceReads<ChunkCounts> ended;

	@Autowired
	ListedChunkCounts(ChunkLedger ledger) {
		this(ledger, System::nanoTime);
	}

	ListedChunkCounts(ChunkLedger ledger, LongSupplier nanoTime) {
		this.running = new InstanceReads<>("the chunk counts", ledger::count, RUNNING_TTL, MAX_INSTANCES, nanoTime);
		this.ended = new InstanceReads<>("the chunk counts", ledger::count, ENDED_TTL, MAX_INSTANCES, nanoTime);
	}

	/**
	 * @param running whether the execution listed is running ({@code STARTING}, {@code STARTED} or
	 * {@code STOPPING}), from the same read of the job repository as its status
	 */
	ChunkCounts get(long jobInstanceId, boolean running) {
		return (running ? this.running : this.ended).get(jobInstanceId);
	}

}
