package io.chunking.worker.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

import io.chunking.job.AttemptWriter;
import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.store.ItemCounts;
import io.chunking.store.SkippedItem;

/**
 * A chunk attempt reads its records into items with the job's source, reports every record it could not read and
 * every item it skipped with its position, names the position of the item that failed it, and commits or aborts the
 * output of a sink's attempt writer.
 */
class RecordsAndSinksStepTests {

	/** A line of a file: its number and text. */
	record Line(int number, String text) {
	}

	/** Reads lines as numbers; a line that is not a number cannot be read. */
	static final RecordSource<Line, Integer> NUMBERS = new RecordSource<>() {

		@Override
		public Class<Line> recordType() {
			return Line.class;
		}

		@Override
		public Stream<Line> records(JobArguments arguments) {
			return Stream.empty();
		}

		@Override
		public Integer read(Line record) {
			return Integer.valueOf(record.text());
		}

		@Override
		public String position(Line record) {
			return "numbers.txt:" + record.number();
		}

	};

	static final List<Line> LINES = List.of(new Line(1, "10"), new Line(2, "x"), new Line(3, "30"), new Line(4, ""),
			new Line(5, "50"));

	final List<Integer> written = new ArrayList<>();

	@Test
	void unreadableRecordsAreSkippedWithTheirPositionsAndCountAsReadAndSkipped() throws Exception {
		WorkerStepRunner.Result result = run(ChunkedJob.named("numbers").items(NUMBERS)
			.processor((Integer n) -> n + 1)
			.writer((chunk) -> this.written.addAll(chunk.getItems()))
			.build(), LINES);

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(this.written).containsExactly(11, 31, 51);
		assertThat(result.counts()).isEqualTo(new ItemCounts(5, 3, 2));
		assertThat(result.skips()).containsExactly(
				new SkippedItem("numbers.txt:2", NumberFormatException.class.getName(), "For input string: \"x\""),
				new SkippedItem("numbers.txt:4", NumberFormatException.class.getName(), "For input string: \"\""));
	}

	@Test
	void theItemThatFailsTheAttemptIsNamedByItsPosition() throws Exception {
		WorkerStepRunner.Result result = run(ChunkedJob.named("numbers").items(NUMBERS)
			.processor((Integer n) -> {
				if (n == 30) {
					throw new IllegalArgumentException("30 is not allowed");
				}
				return n;
			})
			.build(), LINES);

		assertThat(result.succeeded()).isFalse();
		assertThat(result.failedAt()).isEqualTo("numbers.txt:3");
		assertThat(result.failure()).hasRootCauseMessage("30 is not allowed");
	}

	@Test
	void itemsSkippedByTheSkipPolicyAreRecordedWithTheirPositions() throws Exception {
		WorkerStepRunner.Result result = run(ChunkedJob.named("numbers").items(NUMBERS)
			.processor((Integer n) -> {
				if (n == 50) {
					throw new IllegalArgumentException("50 is not allowed");
				}
				return n;
			})
			.writer((chunk) -> this.written.addAll(chunk.getItems()))
			.workerStep((step) -> step.faultTolerant().skip(IllegalArgumentException.class).skipLimit(10))
			.build(), LINES);

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(this.written).containsExactly(10, 30);
		assertThat(result.counts()).isEqualTo(new ItemCounts(5, 2, 3));
		assertThat(result.skips()).extracting(SkippedItem::position)
			.containsExactly("numbers.txt:2", "numbers.txt:4", "numbers.txt:5");
		assertThat(result.skips().get(2).message()).isEqualTo("50 is not allowed");
	}

	@Test
	void aSourceWithoutPositionsNamesTheItemsPlaceInTheChunk() throws Exception {
		WorkerStepRunner.Result result = run(ChunkedJob.named("plain")
			.items(String.class, (args) -> Stream.empty())
			.processor((String s) -> {
				if (s.equals("b")) {
					throw new IllegalStateException("b fails");
				}
				return s;
			})
			.build(), List.of("a", "b", "c"));

		assertThat(result.failedAt()).isEqualTo("item 2 of chunk 7");
	}

	@Test
	void anAttemptWritersOutputIsCommittedOnlyWhenTheStepSucceeded() throws Exception {
		BufferingWriter succeeding = new BufferingWriter(false);
		WorkerStepRunner.Result ok = run(ChunkedJob.named("numbers").items(NUMBERS)
			.<Integer>processor((Integer n) -> n)
			.sink((attempt) -> succeeding)
			.build(), List.of(new Line(1, "1"), new Line(2, "2")));
		assertThat(ok.succeeded()).isTrue();
		assertThat(succeeding.events).containsExactly("write [1, 2]", "commit [1, 2]");

		BufferingWriter failing = new BufferingWriter(false);
		WorkerStepRunner.Result failed = run(ChunkedJob.named("numbers").items(NUMBERS)
			.<Integer>processor((Integer n) -> {
				throw new IllegalStateException("no");
			})
			.sink((attempt) -> failing)
			.build(), List.of(new Line(1, "1")));
		assertThat(failed.succeeded()).isFalse();
		assertThat(failing.events).containsExactly("abort []");
	}

	@Test
	void aCommitThatFailsFailsTheAttempt() throws Exception {
		BufferingWriter writer = new BufferingWriter(true);
		WorkerStepRunner.Result result = run(ChunkedJob.named("numbers").items(NUMBERS)
			.<Integer>processor((Integer n) -> n)
			.sink((attempt) -> writer)
			.build(), List.of(new Line(1, "1")));

		assertThat(result.succeeded()).isFalse();
		assertThat(result.failure()).hasMessage("upload refused");
		assertThat(result.partial()).isNull();
		assertThat(writer.events).containsExactly("write [1]", "commit [1]", "abort [1]");
	}

	private <I, O> WorkerStepRunner.Result run(ChunkedJobDefinition<I, O> definition, List<?> records)
			throws Exception {
		ChunkAttempt attempt = new ChunkAttempt(definition.getName(), 1, 7, 1, "w1", definition.validate(Map.of()));
		WorkerSettings settings = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 2,
				Duration.ofMinutes(2));
		return new WorkerStepRunner(settings).run(ChunkedJobRuntime.of(definition), attempt, records);
	}

	/** Holds its outputs until committed; records what happened. */
	static final class BufferingWriter implements AttemptWriter<Integer> {

		final List<String> events = new ArrayList<>();

		final List<Integer> buffer = new ArrayList<>();

		private final boolean commitFails;

		BufferingWriter(boolean commitFails) {
			this.commitFails = commitFails;
		}

		@Override
		public void write(Chunk<? extends Integer> chunk) {
			this.buffer.addAll(chunk.getItems());
			this.events.add("write " + chunk.getItems());
		}

		@Override
		public void commit() {
			this.events.add("commit " + this.buffer);
			if (this.commitFails) {
				throw new IllegalStateException("upload refused");
			}
		}

		@Override
		public void abort() {
			this.events.add("abort " + this.buffer);
		}

	}
}
