package io.chunking.samples.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;

/**
 * {@code demo-files}: writes the processed items of each chunk attempt to a file of its own with a Spring Batch
 * {@code FlatFileItemWriter} ({@link ChunkFileWriter}), and counts them. Items are {@code item-0 ... item-(items-1)};
 * processing upper-cases them; the result is {@code lines}, the number of lines written by the attempts that count.
 * Shows that a job's writer gets the lifecycle of a stock chunk-oriented step on the workers: opened, updated at each
 * commit, closed, and called back as a listener.
 */
public final class DemoFilesJob {

	public static final String NAME = "demo-files";

	private DemoFilesJob() {
	}

	public static ChunkedJobDefinition<String, String> definition() {
		return ChunkedJob.named(NAME)
			.description("Writes the upper-cased items of each chunk attempt to a file of its own and counts them")
			.parameter(JobParameterSpec.longParam("items", 1000, "Number of items").range(1, Integer.MAX_VALUE))
			.parameter(JobParameterSpec.longParam("chunkSize", 100, "Items per chunk")
				.range(ChunkSizes.MIN, ChunkSizes.MAX))
			.parameter(JobParameterSpec.stringParam("outputDir", null,
					"Directory of the files on each worker (relative: to the worker's working directory)"))
			.parameter(JobParameterSpec.longParam("failedAttempts", 0,
					"Attempts of each chunk that fail at their first item (their files have no lines)")
				.range(0, 99))
			.items(String.class, DemoFilesJob::items)
			.processorPerAttempt(DemoFilesJob::processor)
			.chunkSizeParameter("chunkSize")
			.writerPerAttempt((attempt) -> new ChunkFileWriter(Path.of(attempt.arguments().getString("outputDir")), attempt))
			.aggregate(new LineCount())
			.build();
	}

	static Stream<String> items(JobArguments arguments) {
		return LongStream.range(0, arguments.getLong("items")).mapToObj((i) -> "item-" + i);
	}

	static ItemProcessor<String, String> processor(ChunkAttempt attempt) {
		long failedAttempts = attempt.arguments().getLong("failedAttempts");
		if (attempt.attempt() <= failedAttempts) {
			return (item) -> {
				throw new IllegalStateException("Attempt " + attempt.attempt() + " of chunk " + attempt.chunkIndex()
						+ " fails (failedAttempts=" + failedAttempts + ")");
			};
		}
		return (item) -> item.toUpperCase(Locale.ROOT);
	}

}
