package io.chunking.master.manager;

import java.util.List;
import java.util.stream.Stream;

import io.chunking.job.CompletedRun;
import io.chunking.job.CountedAttempt;
import io.chunking.job.JobArguments;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;

/**
 * A completing execution as its sink sees it, read from the ledger: the counted attempt of each succeeded chunk
 * (the one whose completion the ledger accepted, never a rejected late one) and the tolerated dead chunks.
 */
final class LedgerCompletedRun implements CompletedRun {

	private final ChunkLedger ledger;

	private final String jobName;

	private final long jobInstanceId;

	private final long jobExecutionId;

	private final JobArguments arguments;

	private final int chunkCount;

	LedgerCompletedRun(ChunkLedger ledger, String jobName, long jobInstanceId, long jobExecutionId,
			JobArguments arguments, int chunkCount) {
		this.ledger = ledger;
		this.jobName = jobName;
		this.jobInstanceId = jobInstanceId;
		this.jobExecutionId = jobExecutionId;
		this.arguments = arguments;
		this.chunkCount = chunkCount;
	}

	@Override
	public String jobName() {
		return this.jobName;
	}

	@Override
	public long jobInstanceId() {
		return this.jobInstanceId;
	}

	@Override
	public long jobExecutionId() {
		return this.jobExecutionId;
	}

	@Override
	public JobArguments arguments() {
		return this.arguments;
	}

	@Override
	public int chunkCount() {
		return this.chunkCount;
	}

	@Override
	public Stream<CountedAttempt> countedAttempts() {
		return this.ledger.stream(this.jobInstanceId, List.of(ChunkStatus.SUCCEEDED))
			.map((chunk) -> new CountedAttempt(chunk.chunkIndex(), chunk.attempt(), worker(chunk),
					chunk.counts().written()));
	}

	private static String worker(ChunkRecord chunk) {
		return (chunk.workerId() != null) ? chunk.workerId() : "";
	}

	@Override
	public List<Integer> deadChunks() {
		try (Stream<ChunkRecord> dead = this.ledger.stream(this.jobInstanceId, List.of(ChunkStatus.DEAD))) {
			return dead.map(ChunkRecord::chunkIndex).toList();
		}
	}

}
