package io.chunking.samples.files;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.transform.PassThroughLineAggregator;
import org.springframework.core.io.FileSystemResource;

import io.chunking.job.ChunkAttempt;

/**
 * Writes the lines of one chunk attempt to a file of their own, {@link #file}: a header naming the attempt, one line
 * per item, and a footer with the number of lines and the listener calls the writer received, e.g.
 * <pre>
 * # demo-files chunk 3 attempt 1 on worker-1
 * ITEM-60
 * ...
 * # 20 lines; listener calls: beforeStep=1 beforeWrite=1 afterWrite=1 afterStep=1
 * </pre>
 * It is a {@link FlatFileItemWriter}, an {@code ItemStream}: the attempt's worker step opens it (writing the header),
 * flushes its lines at each commit and closes it (writing the footer). Being also a listener, it is called back by
 * the step without being registered as one: as in any chunk-oriented step, a writer that is a listener is one.
 */
public class ChunkFileWriter extends FlatFileItemWriter<String>
		implements StepExecutionListener, ItemWriteListener<String> {

	private int beforeStep;

	private int beforeWrite;

	private int afterWrite;

	private int afterStep;

	private long lines;

	public ChunkFileWriter(Path outputDir, ChunkAttempt attempt) {
		super(new FileSystemResource(file(outputDir, attempt.jobInstanceId(), attempt.chunkIndex(), attempt.attempt())),
				new PassThroughLineAggregator<>());
		setName("chunkFile");
		setHeaderCallback((out) -> out.write("# " + attempt.jobName() + " chunk " + attempt.chunkIndex() + " attempt "
				+ attempt.attempt() + " on " + attempt.workerId()));
		setFooterCallback((out) -> out.write("# " + this.lines + " lines; listener calls: beforeStep="
				+ this.beforeStep + " beforeWrite=" + this.beforeWrite + " afterWrite=" + this.afterWrite
				+ " afterStep=" + this.afterStep));
	}

	/** The file of a chunk attempt: {@code <outputDir>/<jobInstanceId>/chunk-<index>-attempt-<attempt>.txt}. */
	public static Path file(Path outputDir, long jobInstanceId, int chunkIndex, int attempt) {
		return outputDir.resolve(Long.toString(jobInstanceId))
			.resolve("chunk-" + chunkIndex + "-attempt-" + attempt + ".txt");
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.beforeStep++;
	}

	@Override
	public void beforeWrite(Chunk<? extends String> items) {
		this.beforeWrite++;
	}

	@Override
	public void afterWrite(Chunk<? extends String> items) {
		this.afterWrite++;
		this.lines += items.size();
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		this.afterStep++;
		return null;
	}

}
