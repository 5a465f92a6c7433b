package io.chunking.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chunking.master.batch.ExecutionQueries.ExecutionSummary;
import io.chunking.store.ChunkLedger;
import io.chunking.store.StoreUnavailableException;
import io.chunking.store.memory.InMemoryChunkLedger;

/**
 * The executions list answers from the job repository alone while the chunk ledger cannot be read: rows without
 * chunk counts, and one failed read per list, not one per row.
 */
class ListedExecutionsTests {

	private static final List<ExecutionSummary> PAGE = List.of(summary(3, 30, "STARTED"), summary(2, 20, "COMPLETED"),
			summary(1, 10, "FAILED"));

	@Test
	void aPageIsListedWithItsChunkCountsWhileTheLedgerAnswers() {
		ChunkLedger ledger = new InMemoryChunkLedger();
		ExecutionViews views = new ExecutionViews(ledger, new ListedChunkCounts(ledger));
		try {
			List<ExecutionViews.ListedExecution> listed = views.listed(PAGE);

			assertThat(listed).extracting(ExecutionViews.ListedExecution::id).containsExactly(3L, 2L, 1L);
			assertThat(listed).allSatisfy((execution) -> assertThat(execution.chunks()).isNotNull());
			assertThat(listed).extracting(ExecutionViews.ListedExecution::progress).containsExactly(0.0, 100.0, 100.0);
		}
		finally {
			views.destroy();
		}
	}

	@Test
	void whileTheLedgerCannotBeReadThePageIsListedWithoutCountsAfterOneFailedRead() {
		CountingChunkLedger counting = new CountingChunkLedger(new InMemoryChunkLedger(), (method) -> {
			if (method.equals("count")) {
				throw new StoreUnavailableException("MongoDB", "Counting chunks failed: connection refused", null);
			}
		});
		ExecutionViews views = new ExecutionViews(counting.ledger(), new ListedChunkCounts(counting.ledger()));
		try {
			List<ExecutionViews.ListedExecution> listed = views.listed(PAGE);

			assertThat(listed).extracting(ExecutionViews.ListedExecution::id).containsExactly(3L, 2L, 1L);
			assertThat(listed).extracting(ExecutionViews.ListedExecution::status)
				.containsExactly("STARTED", "COMPLETED", "FAILED");
			assertThat(listed).allSatisfy((execution) -> {
				assertThat(execution.chunks()).isNull();
				assertThat(execution.progress()).isNull();
			});
			assertThat(counting.calls("count")).isEqualTo(1);
		}
		finally {
			views.destroy();
		}
	}

	private static ExecutionSummary summary(long id, long instance, String status) {
		return new ExecutionSummary(id, "demo-checksum", instance, status, status, null, null, null);
	}

}
