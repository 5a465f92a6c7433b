package io.chunking.samples.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;

/**
 * {@code demo-files} on a master and a worker process: each chunk attempt writes its own file with a
 * {@code FlatFileItemWriter}, which the worker step opens, flushes at each commit (every 8 items here) and closes,
 * and calls back as a listener. Every chunk's first attempt fails ({@code failedAttempts=1}), so every chunk has
 * the file of a failed attempt and the file of the attempt that counts.
 */
class DemoFilesIntegrationTests {

	static final int ITEMS = 400;

	static final int CHUNK_SIZE = 20;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("demo-files", (cluster) -> {
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=100ms",
				"--chunking.master.max-retry-backoff=200ms");
		cluster.workerArgs("--chunking.worker.commit-interval=8");
		cluster.startMaster();
		cluster.startWorker("writer");
	});

	@Test
	void eachChunkAttemptWritesItsOwnFileAndTheWriterIsCalledBackAsAListener() throws Exception {
		Path outputDir = cluster.workingDir().resolve("files");
		long id = cluster.trigger(DemoFilesJob.NAME, Map.of("items", Integer.toString(ITEMS), "chunkSize",
				Integer.toString(CHUNK_SIZE), "failedAttempts", "1", "outputDir", outputDir.toString()));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");
		assertThat(execution.get("result")).isEqualTo(Map.of("lines", ITEMS));
		long instance = ((Number) execution.get("jobInstanceId")).longValue();
		Map<Integer, Document> ledger = cluster.ledger(instance);
		assertThat(ledger).hasSize(ITEMS / CHUNK_SIZE);
		for (Document chunk : ledger.values()) {
			int index = chunk.getInteger("chunkIndex");
			assertThat(chunk.getString("status")).isEqualTo("SUCCEEDED");
			assertThat(chunk.getInteger("attempt")).as("counted attempt of chunk %s", index).isEqualTo(2);
			List<String> lines = new ArrayList<>();
			lines.add("# demo-files chunk " + index + " attempt 2 on writer");
			for (int item = index * CHUNK_SIZE; item < (index + 1) * CHUNK_SIZE; item++) {
				lines.add("ITEM-" + item);
			}
			// 20 items in commits of 8: 3 writes
			lines.add("# 20 lines; listener calls: beforeStep=1 beforeWrite=3 afterWrite=3 afterStep=1");
			assertThat(Files.readAllLines(ChunkFileWriter.file(outputDir, instance, index, 2)))
				.as("file of the counted attempt of chunk %s", index)
				.containsExactlyElementsOf(lines);
			assertThat(Files.readAllLines(ChunkFileWriter.file(outputDir, instance, index, 1)))
				.as("file of the failed attempt of chunk %s", index)
				.containsExactly("# demo-files chunk " + index + " attempt 1 on writer",
						"# 0 lines; listener calls: beforeStep=1 beforeWrite=0 afterWrite=0 afterStep=1");
		}
		try (Stream<Path> files = Files.list(outputDir.resolve(Long.toString(instance)))) {
			assertThat(files).as("one file per chunk attempt").hasSize(2 * ITEMS / CHUNK_SIZE);
		}
	}

}
