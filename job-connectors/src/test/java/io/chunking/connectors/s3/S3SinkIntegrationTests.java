package io.chunking.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.chunking.connectors.SinkException;
import io.chunking.job.AttemptWriter;
import io.chunking.job.ChunkAttempt;
import io.chunking.job.CompletedRun;
import io.chunking.job.CountedAttempt;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3SinkIntegrationTests {

	private static final String BUCKET = "output";

	private static final JobArguments NO_ARGUMENTS = JobArguments.validate(List.of(), Map.of());

	@TempDir
	static Path dataDir;

	static S3TestServer server;

	static S3Client s3;

	@TempDir
	Path temp;

	/** Job instances of the tests, one each, so their objects never mix. */
	private static final AtomicInteger instances = new AtomicInteger();

	record Score(String id, int value) {
	}

	record Line(String name, @Nullable BigDecimal amount, String note) {
	}

	@BeforeAll
	static void startServer() throws Exception {
		server = new S3TestServer(dataDir.resolve("s3"));
		s3 = server.client();
		server.createBucket(BUCKET);
	}

	@AfterAll
	static void stopServer() throws Exception {
		server.close();
	}

	@Test
	void eachCommittedAttemptHasItsObjectAndTheManifestListsOnlyTheCountedOnes() throws Exception {
		long instance = instances.incrementAndGet();
		S3Sink<Score> sink = S3Sink.<Score>ndjson(s3, BUCKET, "results/").tempDir(this.temp);
		committed(sink, instance, 0, 1, List.of(new Score("a", 1), new Score("b", 2)));
		aborted(sink, instance, 1, 1, List.of(new Score("c", 3)));
		committed(sink, instance, 1, 2, List.of(new Score("c", 3)));
		committed(sink, instance, 2, 1, List.of(new Score("d", 4)));
		committed(sink, instance, 2, 2, List.of(new Score("d", 4)));
		committed(sink, instance, 3, 1, List.of());
		aborted(sink, instance, 4, 1, List.of(new Score("e", 5)));

		Map<String, Object> result = sink.completed(run(instance, 5, List.of(counted(0, 1, 2), counted(1, 2, 1),
				counted(2, 2, 1), counted(3, 1, 0)), List.of(4)));

		String prefix = "results/orders/" + instance + "/";
		assertThat(result).containsExactly(Map.entry("manifest", "s3://" + BUCKET + "/" + prefix + "manifest.json"));
		assertThat(keys(prefix)).containsExactly(prefix + "chunk-000000-attempt-1.ndjson",
				prefix + "chunk-000001-attempt-2.ndjson", prefix + "chunk-000002-attempt-1.ndjson",
				prefix + "chunk-000002-attempt-2.ndjson", prefix + "chunk-000003-attempt-1.ndjson",
				prefix + "manifest.json");
		assertThat(text(prefix + "chunk-000000-attempt-1.ndjson"))
			.isEqualTo("{\"id\":\"a\",\"value\":1}\n{\"id\":\"b\",\"value\":2}\n");
		assertThat(text(prefix + "chunk-000003-attempt-1.ndjson")).isEmpty();
		assertThat(text(prefix + "manifest.json")).isEqualTo("{\"jobName\":\"orders\",\"jobInstanceId\":" + instance
				+ ",\"jobExecutionId\":" + (instance + 100) + ",\"bucket\":\"output\",\"format\":\"ndjson\","
				+ "\"gzip\":false,\"chunkCount\":5,\"items\":4,\"objectCount\":4,\"objects\":["
				+ "{\"key\":\"" + prefix + "chunk-000000-attempt-1.ndjson\",\"chunk\":0,\"attempt\":1,\"items\":2},"
				+ "{\"key\":\"" + prefix + "chunk-000001-attempt-2.ndjson\",\"chunk\":1,\"attempt\":2,\"items\":1},"
				+ "{\"key\":\"" + prefix + "chunk-000002-attempt-2.ndjson\",\"chunk\":2,\"attempt\":2,\"items\":1},"
				+ "{\"key\":\"" + prefix + "chunk-000003-attempt-1.ndjson\",\"chunk\":3,\"attempt\":1,\"items\":0}],"
				+ "\"deadChunks\":[4]}");
		try (Stream<Path> left = Files.list(this.temp)) {
			assertThat(left).as("temp files left").isEmpty();
		}
	}

	@Test
	void csvObjectsHaveAHeaderAndQuotedValuesAndReadBackWithTheCsvSource() throws Exception {
		long instance = instances.incrementAndGet();
		S3Sink<Line> sink = S3Sink.csv(s3, BUCKET, "csv", Line.class).gzip(true).tempDir(this.temp);
		List<Line> lines = List.of(new Line("plain", new BigDecimal("1E+3"), "ok"),
				new Line("Lovelace, Ada", null, "she said \"hi\""), new Line("multi", BigDecimal.ONE, "two\nlines"));
		committed(sink, instance, 0, 1, lines);
		committed(sink, instance, 1, 1, List.of());
		sink.completed(run(instance, 2, List.of(counted(0, 1, 3), counted(1, 1, 0)), List.of()));

		String key = "csv/orders/" + instance + "/chunk-000000-attempt-1.csv.gz";
		assertThat(gunzip(server.get(BUCKET, key))).isEqualTo("""
				name,amount,note
				plain,1000,ok
				"Lovelace, Ada",,"she said ""hi\"""
				multi,1,"two
				lines"
				""");
		assertThat(gunzip(server.get(BUCKET, "csv/orders/" + instance + "/chunk-000001-attempt-1.csv.gz")))
			.isEqualTo("name,amount,note\n");
		S3CsvSource<Line> source = S3Source.csv(s3, S3Location.object(BUCKET, key), Line.class);
		List<Line> read = new ArrayList<>();
		try (Stream<S3CsvRow> rows = source.records(NO_ARGUMENTS)) {
			for (S3CsvRow row : rows.toList()) {
				read.add(source.read(row));
			}
		}
		assertThat(read).containsExactly(new Line("plain", new BigDecimal("1000"), "ok"),
				new Line("Lovelace, Ada", null, "she said \"hi\""), new Line("multi", BigDecimal.ONE, "two\nlines"));
		assertThat(text("csv/orders/" + instance + "/manifest.json")).contains("\"format\":\"csv\",\"gzip\":true",
				"\"key\":\"csv/orders/" + instance + "/chunk-000000-attempt-1.csv.gz\"");
	}

	@Test
	void writeThatFailsMidwayAppendsNothingSoARewriteOneByOneHasNoDuplicates() throws Exception {
		long instance = instances.incrementAndGet();
		S3Sink<String> sink = S3Sink.csv(s3, BUCKET, "scan", List.of("value", "length"), (String value) -> {
			if (value.equals("poison")) {
				throw new IllegalArgumentException("poison");
			}
			return List.of(value, value.length());
		}).delimiter(';').tempDir(this.temp);
		ItemWriter<String> writer = sink.open(attempt(instance, 0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> writer.write(Chunk.of("one", "poison", "three")))
			.withMessage("poison");
		writer.write(Chunk.of("one"));
		assertThatIllegalArgumentException().isThrownBy(() -> writer.write(Chunk.of("poison")));
		writer.write(Chunk.of("three"));
		((AttemptWriter<String>) writer).commit();
		assertThat(text("scan/orders/" + instance + "/chunk-000000-attempt-1.csv"))
			.isEqualTo("value;length\none;3\nthree;5\n");
	}

	@Test
	void missingCountedObjectFailsCompletedNamingItAndWritesNoManifest() throws Exception {
		long instance = instances.incrementAndGet();
		S3Sink<Score> sink = S3Sink.<Score>ndjson(s3, BUCKET, "missing").tempDir(this.temp);
		committed(sink, instance, 0, 1, List.of(new Score("a", 1)));
		committed(sink, instance, 1, 1, List.of(new Score("b", 2)));
		String prefix = "missing/orders/" + instance + "/";
		s3.deleteObject((request) -> request.bucket(BUCKET).key(prefix + "chunk-000001-attempt-1.ndjson"));

		assertThatExceptionOfType(SinkException.class)
			.isThrownBy(() -> sink.completed(run(instance, 3, List.of(counted(0, 1, 1), counted(1, 1, 1),
					counted(2, 1, 1)), List.of())))
			.withMessage("Completing the S3 sink of job 'orders' instance " + instance + " (s3://output/" + prefix
					+ ") failed: 2 of the 3 counted objects are missing, s3://output/" + prefix
					+ "chunk-000001-attempt-1.ndjson, s3://output/" + prefix + "chunk-000002-attempt-1.ndjson; their "
					+ "attempts uploaded them, so they were deleted since, or the sink's prefix or gzip setting "
					+ "changed; no manifest was written");
		assertThat(keys(prefix)).containsExactly(prefix + "chunk-000000-attempt-1.ndjson");
	}

	@Test
	void uncountedObjectsAreDeletedAfterTheManifestWhenAsked() throws Exception {
		long instance = instances.incrementAndGet();
		S3Sink<Score> sink = S3Sink.<Score>ndjson(s3, BUCKET, "tidy").deleteUncounted(true).tempDir(this.temp);
		committed(sink, instance, 0, 1, List.of(new Score("a", 1)));
		committed(sink, instance, 0, 2, List.of(new Score("a", 1)));
		committed(sink, instance, 1, 1, List.of(new Score("b", 2)));
		String prefix = "tidy/orders/" + instance + "/";
		server.put(BUCKET, prefix + "notes.txt", "kept");

		sink.completed(run(instance, 2, List.of(counted(0, 2, 1), counted(1, 1, 1)), List.of()));

		assertThat(keys(prefix)).containsExactly(prefix + "chunk-000000-attempt-2.ndjson",
				prefix + "chunk-000001-attempt-1.ndjson", prefix + "manifest.json", prefix + "notes.txt");
	}

	@Test
	void prefixMayDependOnTheRunsArguments() throws Exception {
		long instance = instances.incrementAndGet();
		JobArguments arguments = JobArguments.validate(List.of(JobParameterSpec.stringParam("day", null, "Day")),
				Map.of("day", "2026-11-28"));
		S3Sink<Score> sink = S3Sink.<Score>ndjson(s3, BUCKET, (args) -> "daily/" + args.getString("day"))
			.tempDir(this.temp);
		AttemptWriter<Score> writer = (AttemptWriter<Score>) sink
			.open(new ChunkAttempt("orders", instance, 0, 1, "worker-1", arguments));
		writer.write(Chunk.of(new Score("a", 1)));
		writer.commit();
		assertThat(keys("daily/")).containsExactly("daily/2026-11-28/orders/" + instance
				+ "/chunk-000000-attempt-1.ndjson");
	}

	@Test
	void unusablePrefixesAreRefusedWithWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Sink.ndjson(s3, BUCKET, "/results"))
			.withMessage("Key '/results' in bucket 'output' must not start with '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> S3Sink.ndjson(s3, "Output", "results"))
			.withMessageStartingWith("Bucket name 'Output' must be 3 to 63 lowercase letters");
		S3Sink<Score> sink = S3Sink.<Score>ndjson(s3, BUCKET, (args) -> "a//b").tempDir(this.temp);
		assertThatExceptionOfType(SinkException.class).isThrownBy(() -> sink.open(attempt(1, 0, 1)))
			.withMessage("The prefix of the S3 sink on bucket 'output' for arguments {} is not usable: Key 'a//b' in "
					+ "bucket 'output' must not contain '//'");
	}

	@Test
	void optionsOfTheOtherFormatAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> S3Sink.ndjson(s3, BUCKET, "x").delimiter(';'))
			.withMessage("delimiter(..) applies to a CSV sink, not an NDJSON one");
		assertThatIllegalStateException()
			.isThrownBy(() -> S3Sink.csv(s3, BUCKET, "x", Score.class)
				.jsonMapper(tools.jackson.databind.json.JsonMapper.builder().build()))
			.withMessage("jsonMapper(..) applies to an NDJSON sink, not a CSV one");
	}

	@Test
	void refusedUploadFailsTheCommitNamingTheObjectAndLeavesNoTempFile() throws Exception {
		S3Sink<Score> sink = S3Sink.<Score>ndjson(s3, "no-such-bucket", "x").tempDir(this.temp);
		AttemptWriter<Score> writer = (AttemptWriter<Score>) sink.open(attempt(1, 0, 1));
		writer.write(Chunk.of(new Score("a", 1)));
		assertThatExceptionOfType(SinkException.class).isThrownBy(writer::commit)
			.withMessage("Uploading s3://no-such-bucket/x/orders/1/chunk-000000-attempt-1.ndjson failed: bucket "
					+ "'no-such-bucket' does not exist");
		writer.abort();
		try (Stream<Path> left = Files.list(this.temp)) {
			assertThat(left).isEmpty();
		}
	}

	private static <O> void committed(S3Sink<O> sink, long instance, int chunk, int attempt, List<O> outputs)
			throws Exception {
		AttemptWriter<O> writer = (AttemptWriter<O>) sink.open(attempt(instance, chunk, attempt));
		if (!outputs.isEmpty()) {
			writer.write(new Chunk<>(outputs));
		}
		writer.commit();
	}

	private static <O> void aborted(S3Sink<O> sink, long instance, int chunk, int attempt, List<O> outputs)
			throws Exception {
		AttemptWriter<O> writer = (AttemptWriter<O>) sink.open(attempt(instance, chunk, attempt));
		writer.write(new Chunk<>(outputs));
		writer.abort();
	}

	private static ChunkAttempt attempt(long instance, int chunk, int attempt) {
		return new ChunkAttempt("orders", instance, chunk, attempt, "worker-" + attempt, NO_ARGUMENTS);
	}

	private static CountedAttempt counted(int chunk, int attempt, long items) {
		return new CountedAttempt(chunk, attempt, "worker-" + attempt, items);
	}

	private static CompletedRun run(long instance, int chunkCount, List<CountedAttempt> counted, List<Integer> dead) {
		return new CompletedRun() {

			@Override
			public String jobName() {
				return "orders";
			}

			@Override
			public long jobInstanceId() {
				return instance;
			}

			@Override
			public long jobExecutionId() {
				return instance + 100;
			}

			@Override
			public JobArguments arguments() {
				return NO_ARGUMENTS;
			}

			@Override
			public int chunkCount() {
				return chunkCount;
			}

			@Override
			public Stream<CountedAttempt> countedAttempts() {
				return counted.stream();
			}

			@Override
			public List<Integer> deadChunks() {
				return dead;
			}

		};
	}

	private static List<String> keys(String prefix) {
		return s3.listObjectsV2Paginator((request) -> request.bucket(BUCKET).prefix(prefix))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	private static String text(String key) {
		return new String(server.get(BUCKET, key), StandardCharsets.UTF_8);
	}

	private static String gunzip(byte[] content) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
