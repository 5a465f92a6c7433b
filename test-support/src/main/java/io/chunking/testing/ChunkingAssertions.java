package io.chunking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

/**
 * Assertions on the outcome of {@code demo-checksum} runs, as the API shows an execution ({@code GET
 * /api/executions/{id}}) and as the chunk ledger records its chunks.
 */
public final class ChunkingAssertions {

	private ChunkingAssertions() {
	}

	/** The execution completed with the exact {@code count} and {@code checksum} of all its items. */
	public static void assertExactResult(Map<String, Object> execution, long items) {
		assertExactResult(execution, items, Set.of(), 0);
	}

	/**
	 * The execution completed with the exact {@code count} and {@code checksum} of its items except those of the
	 * {@code excluded} chunks of {@code chunkSize} items (dead ones, tolerated).
	 */
	public static void assertExactResult(Map<String, Object> execution, long items, Set<Integer> excluded,
			int chunkSize) {
		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");
		Map<?, ?> result = (Map<?, ?>) execution.get("result");
		assertThat(((Number) result.get("count")).longValue()).isEqualTo(items - excluded.size() * (long) chunkSize);
		assertThat(result.get("checksum")).isEqualTo(ExpectedChecksum.of(items, chunkSize, excluded));
	}

	/** The job instance id of an execution, as the API shows it. */
	public static long instanceId(Map<String, Object> execution) {
		return ((Number) execution.get("jobInstanceId")).longValue();
	}

	/** The errors of the failed attempts of a chunk, as its ledger document records them. */
	public static List<Document> errors(Document chunk) {
		return chunk.getList("errors", Document.class, List.of());
	}

}
