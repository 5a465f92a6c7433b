package io.chunking.worker.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.annotation.AfterStep;
import org.springframework.batch.core.annotation.AfterWrite;
import org.springframework.batch.core.annotation.BeforeStep;
import org.springframework.batch.core.annotation.BeforeWrite;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.transform.PassThroughLineAggregator;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.core.io.FileSystemResource;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.spi.ChunkedJobRuntime;

/**
 * The worker step gives the definition's writer the lifecycle a stock chunk-oriented step gives it, although the
 * runner wraps it to fold the outputs.
 */
class WorkerStepRunnerTests {

	static final List<String> ITEMS = List.of("a", "bb", "ccc", "dddd", "eeeee");

	static final int COMMIT_INTERVAL = 2;

	static final ItemProcessor<String, Integer> LENGTH = String::length;

	@TempDir
	Path dir;

	@Test
	void streamWriterIsOpenedUpdatedAndClosedAndItsListenerCalledAsInAStockStep() throws Exception {
		RecordingFileWriter inWorkerStep = new RecordingFileWriter(this.dir.resolve("worker.txt"));
		RecordingFileWriter inStockStep = new RecordingFileWriter(this.dir.resolve("stock.txt"));

		WorkerStepRunner.Result result = runWorkerStep(inWorkerStep);
		runStockStep(inStockStep);

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(result.counts().written()).isEqualTo(5);
		assertThat(Files.readAllLines(this.dir.resolve("worker.txt")))
			.as("file written between open (header) and close (footer)")
			.containsExactly("lengths", "1", "2", "3", "4", "5", "5 lines");
		assertThat(inWorkerStep.calls).containsExactly("beforeStep", "open", "beforeWrite 2", "write 2",
				"afterWrite 2", "update", "beforeWrite 2", "write 2", "afterWrite 2", "update", "beforeWrite 1",
				"write 1", "afterWrite 1", "update", "afterStep", "close");
		assertThat(inWorkerStep.calls).as("calls in a stock step").isEqualTo(inStockStep.calls);
	}

	@Test
	void writerWithListenerAnnotationsIsRegisteredAsAListener() throws Exception {
		AnnotatedWriter writer = new AnnotatedWriter();

		WorkerStepRunner.Result result = runWorkerStep(writer);

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(writer.calls).containsExactly("beforeStep", "beforeWrite 2", "write 2", "afterWrite 2",
				"beforeWrite 2", "write 2", "afterWrite 2", "beforeWrite 1", "write 1", "afterWrite 1", "afterStep");
	}

	private WorkerStepRunner.Result runWorkerStep(ItemWriter<Integer> writer) throws Exception {
		ChunkedJobDefinition<String, Integer> definition = ChunkedJob.named("lengths")
			.items(String.class, (args) -> Stream.empty())
			.processor(LENGTH)
			.chunkSize(20)
			.writerPerAttempt((attempt) -> writer)
			.build();
		ChunkAttempt attempt = new ChunkAttempt("lengths", 1, 0, 1, "w1", definition.validate(Map.of()));
		WorkerSettings settings = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), COMMIT_INTERVAL,
				Duration.ofMinutes(2));
		return new WorkerStepRunner(settings).run(ChunkedJobRuntime.of(definition), attempt, ITEMS);
	}

	private static void runStockStep(ItemWriter<Integer> writer) throws Exception {
		ResourcelessJobRepository repository = new ResourcelessJobRepository();
		Step step = new StepBuilder("stock", repository).<String, Integer>chunk(COMMIT_INTERVAL)
			.transactionManager(new ResourcelessTransactionManager())
			.reader(new ListItemReader<>(ITEMS))
			.processor(LENGTH)
			.writer(writer)
			.build();
		JobInstance instance = repository.createJobInstance("stock", new JobParameters());
		JobExecution execution = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
		StepExecution stepExecution = repository.createStepExecution(step.getName(), execution);
		step.execute(stepExecution);
		assertThat(stepExecution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	/** A flat file writer (header, one line per item, footer) that records its stream and listener calls. */
	static final class RecordingFileWriter extends FlatFileItemWriter<Integer>
			implements StepExecutionListener, ItemWriteListener<Integer> {

		final List<String> calls = new ArrayList<>();

		private int lines;

		RecordingFileWriter(Path file) {
			super(new FileSystemResource(file), new PassThroughLineAggregator<>());
			setName("recording");
			setHeaderCallback((out) -> out.write("lengths"));
			setFooterCallback((out) -> out.write(this.lines + " lines"));
		}

		@Override
		public void open(ExecutionContext context) {
			this.calls.add("open");
			super.open(context);
		}

		@Override
		public void update(ExecutionContext context) {
			this.calls.add("update");
			super.update(context);
		}

		@Override
		public void close() {
			this.calls.add("close");
			super.close();
		}

		@Override
		public void write(Chunk<? extends Integer> items) throws Exception {
			this.calls.add("write " + items.size());
			this.lines += items.size();
			super.write(items);
		}

		@Override
		public void beforeStep(StepExecution stepExecution) {
			this.calls.add("beforeStep");
		}

		@Override
		public ExitStatus afterStep(StepExecution stepExecution) {
			this.calls.add("afterStep");
			return null;
		}

		@Override
		public void beforeWrite(Chunk<? extends Integer> items) {
			this.calls.add("beforeWrite " + items.size());
		}

		@Override
		public void afterWrite(Chunk<? extends Integer> items) {
			this.calls.add("afterWrite " + items.size());
		}

	}

	/** A writer whose listener methods are annotated, not inherited from listener interfaces. */
	static final class AnnotatedWriter implements ItemWriter<Integer> {

		final List<String> calls = new ArrayList<>();

		@Override
		public void write(Chunk<? extends Integer> items) {
			this.calls.add("write " + items.size());
		}

		@BeforeStep
		public void beforeStep(StepExecution stepExecution) {
			this.calls.add("beforeStep");
		}

		@AfterStep
		public ExitStatus afterStep(StepExecution stepExecution) {
			this.calls.add("afterStep");
			return null;
		}

		@BeforeWrite
		public void beforeWrite(Chunk<? extends Integer> items) {
			this.calls.add("beforeWrite " + items.size());
		}

		@AfterWrite
		public void afterWrite(Chunk<? extends Integer> items) {
			this.calls.add("afterWrite " + items.size());
		}

	}

}
