package io.chunking.master.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.RunRecord;

/**
 * Checks, before a run's result is presented, that what the ledger counts adds up to what was sliced: as many
 * chunks and items as the slice recorded, every chunk succeeded or dead, every succeeded chunk read all its items
 * in the attempt the ledger names, and (for a job that keeps results) names that attempt's result object. A ledger
 * changed by anyone but the framework (a chunk set to succeeded by hand, a document deleted) fails the execution
 * with a description of what does not add up, instead of presenting a wrong result as complete.
 */
final class LedgerAudit {

	/** Chunks named per problem at most. */
	static final int MAX_NAMED = 20;

	private final RunRecord run;

	private final String jobName;

	private final boolean keepsResults;

	private long chunks;

	private long items;

	private long counted;

	private long deadItems;

	private final Problem notDone = new Problem("are not done (status PENDING, RUNNING or FAILED)");

	private final Problem incomplete = new Problem(
			"are SUCCEEDED without an attempt that read all their items (set by hand, or the ledger was altered)");

	private final Problem wrongResult = new Problem(
			"are SUCCEEDED without the result object of their counted attempt");

	private LedgerAudit(RunRecord run, String jobName, boolean keepsResults) {
		this.run = run;
		this.jobName = jobName;
		this.keepsResults = keepsResults;
	}

	/**
	 * Audits the chunks of {@code run} in the ledger.
	 * @param keepsResults whether every succeeded chunk must name the result object of its counted attempt
	 * @throws LedgerMismatchException if the ledger does not add up to the slice
	 */
	static void check(ChunkLedger ledger, RunRecord run, String jobName, boolean keepsResults) {
		LedgerAudit audit = new LedgerAudit(run, jobName, keepsResults);
		try (Stream<ChunkRecord> chunks = ledger.stream(run.jobInstanceId(), List.of(ChunkStatus.values()))) {
			chunks.forEach(audit::add);
		}
		audit.verify();
	}

	private void add(ChunkRecord chunk) {
		this.chunks++;
		this.items += chunk.itemCount();
		switch (chunk.status()) {
			case SUCCEEDED -> {
				this.counted += chunk.counts().read();
				if (chunk.attempt() < 1 || chunk.counts().read() != chunk.itemCount()) {
					this.incomplete.add(chunk);
				}
				else if (this.keepsResults
						&& !ChunkKeys.result(this.jobName, chunk).equals(chunk.resultKey())) {
					this.wrongResult.add(chunk);
				}
			}
			case DEAD -> this.deadItems += chunk.itemCount();
			default -> this.notDone.add(chunk);
		}
	}

	private void verify() {
		List<String> problems = new ArrayList<>();
		if (this.chunks != this.run.chunkCount() || this.items != this.run.itemCount()) {
			problems.add("the ledger holds " + this.chunks + " chunks of " + this.items + " items, the slice recorded "
					+ this.run.chunkCount() + " chunks of " + this.run.itemCount() + " items");
		}
		for (Problem problem : List.of(this.notDone, this.incomplete, this.wrongResult)) {
			problem.describe().ifPresent(problems::add);
		}
		long expected = this.run.itemCount() - this.deadItems;
		if (this.counted != expected) {
			problems.add(this.counted + " items were counted, " + expected + " were expected (" + this.run.itemCount()
					+ " sliced, " + this.deadItems + " in dead chunks)");
		}
		if (!problems.isEmpty()) {
			throw new LedgerMismatchException("The chunk ledger of job instance " + this.run.jobInstanceId()
					+ " does not add up, so no result is presented: " + String.join("; ", problems));
		}
	}

	/** Chunks that share one problem: how many, and the first few. */
	private static final class Problem {

		private final String what;

		private final List<Integer> named = new ArrayList<>();

		private long count;

		Problem(String what) {
			this.what = what;
		}

		void add(ChunkRecord chunk) {
			this.count++;
			if (this.named.size() < MAX_NAMED) {
				this.named.add(chunk.chunkIndex());
			}
		}

		java.util.Optional<String> describe() {
			if (this.count == 0) {
				return java.util.Optional.empty();
			}
			String chunks = this.named.toString();
			if (this.count > this.named.size()) {
				chunks += " and " + (this.count - this.named.size()) + " more";
			}
			return java.util.Optional.of(this.count + " chunks " + this.what + ": " + chunks);
		}

	}

}
