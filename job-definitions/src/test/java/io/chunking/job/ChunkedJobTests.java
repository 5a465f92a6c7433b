package io.chunking.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ListItemWriter;

import io.chunking.job.spi.ChunkedJobRuntime;

class ChunkedJobTests {

	static ChunkedJobDefinition<String, String> definition() {
		return upper().chunkSizeParameter("chunkSize").build();
	}

	static ChunkedJob.Builder<String, String> upper() {
		return ChunkedJob.named("upper")
			.parameter(JobParameterSpec.longParam("chunkSize", 500, "Items per chunk"))
			.parameter(JobParameterSpec.stringParam("label", "x", "A label"))
			.items(String.class, (args) -> Stream.of("a", "b"))
			.processor((item) -> item.toUpperCase());
	}

	@Test
	void frameworkParametersAreAddedToEveryJob() {
		assertThat(definition().getParameters()).extracting(JobParameterSpec::name)
			.containsExactly("chunkSize", "label", "maxAttempts", "toleratedDeadChunks");
		JobArguments arguments = definition().validate(Map.of());
		assertThat(arguments.getInt("maxAttempts")).isEqualTo(3);
		assertThat(arguments.getString("toleratedDeadChunks")).isEqualTo("0");
	}

	@Test
	void frameworkParameterCannotBeDeclaredByTheJob() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChunkedJob.named("own").parameter(JobParameterSpec.longParam("maxAttempts", 5, "")))
			.withMessage("Parameter 'maxAttempts' is the framework's, every job has it; job 'own' must not declare it");
	}

	@Test
	void chunkSizeParameterOutsideTwentyToOneThousandIsRejectedNamingIt() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> definition().validate(Map.of("chunkSize", "19")))
			.withMessage("Parameter 'chunkSize' must give a chunk size between 20 and 1000, was 19");
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> definition().validate(Map.of("chunkSize", "1001")))
			.withMessage("Parameter 'chunkSize' must give a chunk size between 20 and 1000, was 1001");
		assertThat(runtime(definition()).chunkSize(definition().validate(Map.of("chunkSize", "20")))).isEqualTo(20);
	}

	@Test
	void fixedChunkSizeMustBeBetweenTwentyAndOneThousand() {
		assertThatIllegalArgumentException().isThrownBy(() -> upper().chunkSize(19))
			.withMessage("chunkSize must be between 20 and 1000, was 19");
		assertThatIllegalArgumentException().isThrownBy(() -> upper().chunkSize(1001))
			.withMessage("chunkSize must be between 20 and 1000, was 1001");
		ChunkedJobDefinition<String, String> fixed = upper().chunkSize(20).build();
		assertThat(runtime(fixed).chunkSize(fixed.validate(Map.of("chunkSize", "999")))).isEqualTo(20);
	}

	@Test
	void chunkSizeDefaultsToFiveHundred() {
		ChunkedJobDefinition<String, String> unset = upper().build();
		assertThat(runtime(unset).chunkSize(unset.validate(Map.of()))).isEqualTo(ChunkedJob.DEFAULT_CHUNK_SIZE);
	}

	@Test
	void chunkSizeIsGivenOneWayOnly() {
		assertThatIllegalStateException().isThrownBy(() -> upper().chunkSize(100).chunkSizeParameter("chunkSize")
			.build())
			.withMessage("Job 'upper' sets both chunkSize(100) and chunkSizeParameter(\"chunkSize\"); set one");
	}

	@Test
	void chunkSizeParameterMustBeADeclaredLongWithADefaultInBounds() {
		assertThatIllegalStateException().isThrownBy(() -> upper().chunkSizeParameter("size").build())
			.withMessage("Chunk size parameter 'size' of job 'upper' is not declared; "
					+ "declare it with parameter(JobParameterSpec.longParam(..))");
		assertThatIllegalStateException().isThrownBy(() -> upper().chunkSizeParameter("label").build())
			.withMessage("Chunk size parameter 'label' of job 'upper' must be a LONG parameter, is STRING");
		assertThatIllegalStateException()
			.isThrownBy(() -> ChunkedJob.named("big")
				.parameter(JobParameterSpec.longParam("chunkSize", 5000, "Items per chunk"))
				.items(String.class, (args) -> Stream.of("a"))
				.processor((item) -> item)
				.chunkSizeParameter("chunkSize")
				.build())
			.withMessage("Default 5000 of chunk size parameter 'chunkSize' of job 'big' must be between 20 and 1000");
	}

	@Test
	void deadChunkToleranceIsTheDefaultOfItsParameter() {
		assertThat(toleratedByDefault(DeadChunkTolerance.count(2))).isEqualTo("2");
		assertThat(toleratedByDefault(DeadChunkTolerance.percent(1))).isEqualTo("1%");
		assertThat(toleratedByDefault(DeadChunkTolerance.percent(0.5))).isEqualTo("0.5%");
		assertThat(DeadChunkTolerance.parse(toleratedByDefault(DeadChunkTolerance.percent(0.5))))
			.isEqualTo(DeadChunkTolerance.percent(0.5));
	}

	private static String toleratedByDefault(DeadChunkTolerance tolerance) {
		return upper().deadChunkTolerance(tolerance).build().validate(Map.of()).getString("toleratedDeadChunks");
	}

	@Test
	void deadChunkToleranceIsACountOrAPercentage() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadChunkTolerance.percent(101))
			.withMessage("A dead-chunk percentage must not exceed 100, was 101.0");
		assertThatIllegalArgumentException().isThrownBy(() -> DeadChunkTolerance.count(-1))
			.withMessage("A dead-chunk tolerance must be a number not below 0, was -1.0");
		assertThat(DeadChunkTolerance.parse("2").allowed(1000)).isEqualTo(2);
		assertThat(DeadChunkTolerance.parse("1%").allowed(250)).isEqualTo(2);
		assertThat(DeadChunkTolerance.parse("0").allowed(250)).isZero();
	}

	@Test
	void badDeadChunkToleranceParameterIsRejected() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> definition().validate(Map.of("toleratedDeadChunks", "lots")))
			.withMessage("Parameter 'toleratedDeadChunks' must be a count such as 2 or a percentage such as 1%, "
					+ "was 'lots'");
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> definition().validate(Map.of("toleratedDeadChunks", "NaN%")))
			.withMessage("Parameter 'toleratedDeadChunks' must be between 0 and 100%, was 'NaN%'");
	}

	@Test
	void sharedProcessorAndWriterMustNotBeStreams() {
		class StreamingProcessor extends ItemStreamSupport implements
				org.springframework.batch.infrastructure.item.ItemProcessor<String, String> {

			@Override
			public String process(String item) {
				return item;
			}

		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChunkedJob.named("x").items(String.class, (args) -> Stream.of("a"))
				.processor(new StreamingProcessor()))
			.withMessage("processor must not be an ItemStream, whose state belongs to one attempt: "
					+ "create it per attempt with processorPerAttempt(..)");
		class StreamingWriter extends ItemStreamSupport implements ItemWriter<String> {

			@Override
			public void write(org.springframework.batch.infrastructure.item.Chunk<? extends String> chunk) {
			}

		}
		assertThatIllegalArgumentException().isThrownBy(() -> upper().writer(new StreamingWriter()))
			.withMessage("writer must not be an ItemStream, whose state belongs to one attempt: "
					+ "create it per attempt with writerPerAttempt(..)");
	}

	@Test
	void sharedProcessorAndWriterServeEveryAttempt() throws Exception {
		ListItemWriter<String> writer = new ListItemWriter<>();
		ChunkedJobDefinition<String, String> definition = upper().writer(writer).build();
		ChunkAttempt first = new ChunkAttempt("upper", 1, 0, 1, "w", definition.validate(Map.of()));
		ChunkAttempt second = new ChunkAttempt("upper", 1, 1, 2, "w", definition.validate(Map.of()));
		assertThat(runtime(definition).processor(first).process("a")).isEqualTo("A");
		assertThat(runtime(definition).getSink().open(second)).isSameAs(writer);
	}

	@Test
	void processorPerAttemptIsCreatedForEachAttempt() throws Exception {
		ChunkedJobDefinition<String, String> definition = ChunkedJob.named("tagged")
			.items(String.class, (args) -> Stream.of("a"))
			.processorPerAttempt((attempt) -> (String item) -> item + "@" + attempt.chunkIndex())
			.build();
		ChunkAttempt attempt = new ChunkAttempt("tagged", 1, 7, 1, "w", definition.validate(Map.of()));
		assertThat(runtime(definition).processor(attempt).process("a")).isEqualTo("a@7");
		assertThat(runtime(definition).getSink()).isNull();
	}

	@Test
	void aJobHasOneSinkAtMost() {
		assertThatIllegalStateException()
			.isThrownBy(() -> upper().writer(new ListItemWriter<>()).sink((attempt) -> new ListItemWriter<>()))
			.withMessage("Job 'upper' already has a sink or writer; it can have one");
	}

	@Test
	void recordSourceRecordsAreReadIntoItems() throws Exception {
		RecordSource<String, Integer> lengths = new RecordSource<>() {

			@Override
			public Class<String> recordType() {
				return String.class;
			}

			@Override
			public Stream<String> records(JobArguments arguments) {
				return Stream.of("a", "bb");
			}

			@Override
			public Integer read(String record) {
				return record.length();
			}

			@Override
			public String position(String record) {
				return "line " + record;
			}

		};
		ChunkedJobDefinition<Integer, Integer> definition = ChunkedJob.named("lengths")
			.items(lengths)
			.processor((Integer length) -> length * 10)
			.build();
		assertThat(runtime(definition).getSource()).isSameAs(lengths);
	}

	@Test
	void plainSourceYieldsItsItemsAsRecords() throws Exception {
		ChunkedJobDefinition<String, String> definition = upper().build();
		RecordSource<?, String> source = runtime(definition).getSource();
		assertThat(source.recordType()).isEqualTo(String.class);
		try (Stream<?> records = source.records(definition.validate(Map.of()))) {
			assertThat(records.map(Object.class::cast).toList()).containsExactly("a", "b");
		}
		assertThat(readAsItem(source, "b")).isEqualTo("b");
		assertThat(positionOf(source, "b")).isNull();
	}

	@SuppressWarnings("unchecked")
	private static <R> String readAsItem(RecordSource<R, String> source, Object record) throws Exception {
		return source.read((R) record);
	}

	@SuppressWarnings("unchecked")
	private static <R> String positionOf(RecordSource<R, String> source, Object record) {
		return source.position((R) record);
	}

	@Test
	void jobNameMustBeUsableInUrlsQueuesAndKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChunkedJob.named("bad name/x"))
			.withMessageContaining("must start with a letter or digit and contain only letters, digits");
	}

	@Test
	void parameterCannotBeDeclaredTwice() {
		ChunkedJob.Start start = ChunkedJob.named("twice").parameter(JobParameterSpec.longParam("a", 1, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> start.parameter(JobParameterSpec.longParam("a", 2, "")))
			.withMessage("Parameter 'a' is declared twice in job 'twice'");
	}

	@Test
	void scheduleIsCheckedWhenDeclared() {
		assertThat(definition().getSchedule()).isEmpty();
		ZoneId paris = ZoneId.of("Europe/Paris");
		assertThat(upper().schedule("0 0 2 * * *", paris).build().getSchedule())
			.contains(new JobSchedule("0 0 2 * * *", paris));
		assertThat(upper().schedule("0 0 2 * * *").build().getSchedule())
			.contains(new JobSchedule("0 0 2 * * *", ZoneId.of("UTC")));
		assertThatIllegalArgumentException().isThrownBy(() -> upper().schedule("0 2 * * *"))
			.withMessageStartingWith("'0 2 * * *' is not a valid cron expression (six fields");
	}

	private static <I, O> ChunkedJobRuntime<I, O> runtime(ChunkedJobDefinition<I, O> definition) {
		return ChunkedJobRuntime.of(definition);
	}

}
