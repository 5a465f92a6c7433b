package io.chunking.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ParseException;

import io.chunking.connectors.SourceException;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.RecordSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.json.JsonMapper;

class S3SourceIntegrationTests {

	private static final String BUCKET = "input";

	private static final JobArguments NO_ARGUMENTS = JobArguments.validate(List.of(), Map.of());

	/** Encodes records into a payload and back, as the framework stores them between master and worker. */
	private static final JsonMapper PAYLOAD_JSON = JsonMapper.builder().build();

	private static final String ORDERS_CSV = """
			id,Customer_Name,amount,note,ignored
			1,Ada,12.50,plain,x
			2,"Lovelace, Ada",7,"she said ""hi\""",y
			3,Bob,3,"two
			lines",z
			4,Eve,1
			5,Mallory,x,bad amount,w
			6,Oscar,2,"unterminated,
			""";

	@TempDir
	static Path dataDir;

	static S3TestServer server;

	static S3Client s3;

	record Event(String id, int count, Instant at) {
	}

	record Order(long id, String customerName, BigDecimal amount, @Nullable String note) {
	}

	@BeforeAll
	static void startServer() throws Exception {
		server = new S3TestServer(dataDir.resolve("s3"));
		s3 = server.client();
		server.createBucket(BUCKET);
		server.put(BUCKET, "lines/plain.txt", "alpha\n\nbeta\r\ngamma");
		server.put(BUCKET, "lines/plain.txt.gz", S3TestServer.gzip("alpha\n\nbeta\r\ngamma\n"));
		server.put(BUCKET, "lines/gzip-without-suffix", S3TestServer.gzip("delta\n"));
		server.put(BUCKET, "parts/b.txt", "b1\nb2\n");
		server.put(BUCKET, "parts/a.txt", "a1\n");
		server.put(BUCKET, "parts/c.txt.gz", S3TestServer.gzip("c1\nc2\n"));
		server.put(BUCKET, "parts-not-under-the-prefix.txt", "x\n");
		server.put(BUCKET, "events.ndjson", """
				{"id":"e1","count":1,"at":"2026-11-28T10:00:00Z"}

				{"id":"e2","count":"two","at":"2026-11-28T10:00:01Z"}
				{"id":"e3","count":3
				{"id":"e4","count":4,"at":"2026-11-28T10:00:04Z"} {}
				null
				""");
		server.put(BUCKET, "csv/orders.csv", ORDERS_CSV);
		server.put(BUCKET, "csv/orders.csv.gz", S3TestServer.gzip(ORDERS_CSV));
		server.put(BUCKET, "csv/semicolons.csv", "id;customer name;amount;note\n9;Zed;1,5;\"a;b\"\n");
		server.put(BUCKET, "csv/empty.csv", "");
		server.put(BUCKET, "csv/unnamed-column.csv", "id,,amount\n1,2,3\n");
		server.put(BUCKET, "csv/duplicate-column.csv", "id,customer_name,Customer Name,amount,note\n");
		server.put(BUCKET, "csv/missing-column.csv", "id,customerName,note\n1,Ada,x\n");
		server.put(BUCKET, "latin1.txt", "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
	}

	@AfterAll
	static void stopServer() throws Exception {
		server.close();
	}

	@Test
	void linesOfAnObjectAreItemsAtTheirLineNumbersEmptyLinesIncluded() throws Exception {
		S3LinesSource source = S3Source.lines(s3, S3Location.parse("s3://input/lines/plain.txt"));
		List<S3Line> records = records(source);
		String object = "s3://input/lines/plain.txt";
		assertThat(records).containsExactly(new S3Line(object, 1, "alpha"), new S3Line(object, 2, ""),
				new S3Line(object, 3, "beta"), new S3Line(object, 4, "gamma"));
		assertThat(items(source, records)).containsExactly("alpha", "", "beta", "gamma");
		assertThat(source.position(records.get(2))).isEqualTo("s3://input/lines/plain.txt:3");
	}

	@Test
	void gzipObjectsAreDetectedByTheirSuffixOrTheirMagicBytes() throws Exception {
		assertThat(items(S3Source.lines(s3, S3Location.parse("s3://input/lines/plain.txt.gz"))))
			.containsExactly("alpha", "", "beta", "gamma");
		assertThat(items(S3Source.lines(s3, S3Location.parse("s3://input/lines/gzip-without-suffix"))))
			.containsExactly("delta");
	}

	@Test
	void forcedGzipOfAPlainObjectFailsNamingIt() {
		S3LinesSource source = S3Source.lines(s3, S3Location.parse("s3://input/lines/plain.txt")).gzip(true);
		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> records(source))
			.withMessage("Cannot read s3://input/lines/plain.txt: it is not gzip (Not in GZIP format) although the "
					+ "source is set to gzip(true)");
	}

	@Test
	void emptyGzipObjectFailsNamingIt() {
		server.put(BUCKET, "empty.txt.gz", new byte[0]);
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> records(S3Source.lines(s3, S3Location.parse("s3://input/empty.txt.gz"))))
			.withMessage("Cannot read s3://input/empty.txt.gz: it is not gzip (it ends before a gzip header) although "
					+ "its key ends with .gz");
	}

	@Test
	void prefixIsReadObjectAfterObjectInKeyOrder() throws Exception {
		S3LinesSource source = S3Source.lines(s3, S3Location.parse("s3://input/parts/"));
		List<S3Line> records = records(source);
		assertThat(records).extracting(source::position)
			.containsExactly("s3://input/parts/a.txt:1", "s3://input/parts/b.txt:1", "s3://input/parts/b.txt:2",
					"s3://input/parts/c.txt.gz:1", "s3://input/parts/c.txt.gz:2");
		assertThat(items(source, records)).containsExactly("a1", "b1", "b2", "c1", "c2");
	}

	@Test
	void locationMayDependOnTheRunsArguments() throws Exception {
		JobArguments arguments = JobArguments.validate(List.of(JobParameterSpec.stringParam("input", null, "Input")),
				Map.of("input", "s3://input/parts/b.txt"));
		S3LinesSource source = S3Source.lines(s3, (args) -> S3Location.parse(args.getString("input")));
		try (Stream<S3Line> records = source.records(arguments)) {
			assertThat(records.map(S3Line::text)).containsExactly("b1", "b2");
		}
	}

	@Test
	void locationFunctionThatFailsFailsTheSourceWithTheArguments() {
		JobArguments arguments = JobArguments.validate(List.of(JobParameterSpec.stringParam("input", null, "Input")),
				Map.of("input", "https://input/a.txt"));
		S3LinesSource source = S3Source.lines(s3, (args) -> S3Location.parse(args.getString("input")));
		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> source.records(arguments))
			.withMessage("The location function of the S3 source failed for arguments {input=https://input/a.txt}: "
					+ "S3 location 'https://input/a.txt' must start with s3://");
	}

	@Test
	void ndjsonLinesAreParsedOnTheWorkerAndBadOnesFailTheirRead() throws Exception {
		S3NdjsonSource<Event> source = S3Source.ndjson(s3, S3Location.parse("s3://input/events.ndjson"), Event.class);
		List<S3Line> records = records(source);
		assertThat(records).extracting(source::position)
			.containsExactly("s3://input/events.ndjson:1", "s3://input/events.ndjson:3", "s3://input/events.ndjson:4",
					"s3://input/events.ndjson:5", "s3://input/events.ndjson:6");
		assertThat(readBack(source, records.get(0)))
			.isEqualTo(new Event("e1", 1, Instant.parse("2026-11-28T10:00:00Z")));
		assertThat(readFailure(source, records.get(1))).startsWith("The line is not a JSON Event: Cannot "
				+ "deserialize value of type `int` from String \"two\"");
		assertThat(readFailure(source, records.get(2))).startsWith("The line is not a JSON Event: Unexpected end");
		assertThat(readFailure(source, records.get(3))).startsWith("The line is not a JSON Event: Trailing token");
		assertThat(readFailure(source, records.get(4))).isEqualTo("The line is JSON null, expected a JSON Event");
	}

	@Test
	void csvRowsMapToRecordsByHeaderNamesWithQuotedFieldsAcrossLines() throws Exception {
		S3CsvSource<Order> source = S3Source.csv(s3, S3Location.parse("s3://input/csv/orders.csv"), Order.class);
		List<S3CsvRow> records = records(source);
		assertThat(records).extracting(source::position)
			.containsExactly("s3://input/csv/orders.csv:2", "s3://input/csv/orders.csv:3",
					"s3://input/csv/orders.csv:4", "s3://input/csv/orders.csv:6", "s3://input/csv/orders.csv:7",
					"s3://input/csv/orders.csv:8");
		assertThat(records.get(0).fields()).containsExactly(Map.entry("id", "1"), Map.entry("customerName", "Ada"),
				Map.entry("amount", "12.50"), Map.entry("note", "plain"));
		assertThat(readBack(source, records.get(0)))
			.isEqualTo(new Order(1, "Ada", new BigDecimal("12.50"), "plain"));
		assertThat(readBack(source, records.get(1)))
			.isEqualTo(new Order(2, "Lovelace, Ada", new BigDecimal("7"), "she said \"hi\""));
		assertThat(readBack(source, records.get(2)))
			.isEqualTo(new Order(3, "Bob", new BigDecimal("3"), "two\nlines"));
		assertThat(readFailure(source, records.get(3)))
			.isEqualTo("Malformed CSV row: the row has 3 fields, the header has 5");
		assertThat(readFailure(source, records.get(4))).startsWith("The row does not fit Order.amount: ");
		assertThat(readFailure(source, records.get(5))).isEqualTo("Malformed CSV row: unterminated quote: field 4, "
				+ "opened at line 8, runs to the end of the object");
	}

	@Test
	void gzipCsvReadsLikeThePlainOne() throws Exception {
		S3CsvSource<Order> plain = S3Source.csv(s3, S3Location.parse("s3://input/csv/orders.csv"), Order.class);
		S3CsvSource<Order> gzip = S3Source.csv(s3, S3Location.parse("s3://input/csv/orders.csv.gz"), Order.class);
		assertThat(records(gzip)).extracting(S3CsvRow::line, S3CsvRow::fields, S3CsvRow::error)
			.isEqualTo(records(plain).stream().map((row) -> tuple(row.line(), row.fields(), row.error())).toList());
	}

	@Test
	void csvDelimiterIsConfigurable() throws Exception {
		S3CsvSource<Order> source = S3Source.csv(s3, S3Location.parse("s3://input/csv/semicolons.csv"), Order.class)
			.delimiter(';');
		List<S3CsvRow> records = records(source);
		assertThat(readFailure(source, records.get(0))).startsWith("The row does not fit Order.amount");
		S3CsvSource<String> rows = S3Source.csv(s3, S3Location.parse("s3://input/csv/semicolons.csv"),
				(row) -> row.get("customer name") + "/" + row.get("note"))
			.delimiter(';');
		assertThat(items(rows)).containsExactly("Zed/a;b");
	}

	@Test
	void rowMapperGetsEveryColumnByHeaderName() throws Exception {
		S3CsvSource<String> source = S3Source.csv(s3, S3Location.parse("s3://input/csv/orders.csv"),
				(row) -> String.join("|", row.keySet()) + "=" + row.get("Customer_Name"));
		List<S3CsvRow> records = records(source);
		assertThat(readBack(source, records.get(1)))
			.isEqualTo("id|Customer_Name|amount|note|ignored=Lovelace, Ada");
	}

	@Test
	void unknownColumnsFailTheSourceWhenAsked() {
		S3CsvSource<Order> source = S3Source.csv(s3, S3Location.parse("s3://input/csv/orders.csv"), Order.class)
			.failOnUnknownColumns(true);
		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> records(source))
			.withMessage("Cannot read s3://input/csv/orders.csv: malformed CSV header (line 1): column 'ignored' "
					+ "matches no component of Order [id, customerName, amount, note]; drop it or set "
					+ "failOnUnknownColumns(false)");
	}

	@Test
	void malformedCsvHeadersFailTheSourceNamingTheObjectAndTheColumn() {
		assertThat(csvFailure("csv/empty.csv")).isEqualTo("Cannot read s3://input/csv/empty.csv: malformed CSV header: "
				+ "the object is empty, it has no header line");
		assertThat(csvFailure("csv/unnamed-column.csv")).isEqualTo("Cannot read s3://input/csv/unnamed-column.csv: "
				+ "malformed CSV header (line 1): column 2 has no name; the header is [id, , amount]");
		assertThat(csvFailure("csv/duplicate-column.csv")).isEqualTo("Cannot read s3://input/csv/duplicate-column.csv: "
				+ "malformed CSV header (line 1): column 'Customer Name' appears twice (columns 2 and 3, as "
				+ "'customer_name')");
		assertThat(csvFailure("csv/missing-column.csv")).isEqualTo("Cannot read s3://input/csv/missing-column.csv: "
				+ "malformed CSV header (line 1): Order.amount has no column (names match ignoring case, '_', '-' "
				+ "and spaces); the header is [id, customerName, note]");
	}

	@Test
	void recordsSurviveThePayloadJsonRoundTrip() throws Exception {
		S3CsvSource<Order> csv = S3Source.csv(s3, S3Location.parse("s3://input/csv/orders.csv"), Order.class);
		List<S3CsvRow> rows = records(csv);
		assertThat(roundTrip(csv, rows)).isEqualTo(rows);
		S3NdjsonSource<Event> ndjson = S3Source.ndjson(s3, S3Location.parse("s3://input/events.ndjson"), Event.class);
		List<S3Line> lines = records(ndjson);
		assertThat(roundTrip(ndjson, lines)).isEqualTo(lines);
		assertThat(new String(PAYLOAD_JSON.writeValueAsBytes(rows.get(3)), StandardCharsets.UTF_8))
			.isEqualTo("{\"o\":\"s3://input/csv/orders.csv\",\"n\":6,"
					+ "\"e\":\"the row has 3 fields, the header has 5\"}");
	}

	@Test
	void missingObjectFailsNamingIt() {
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> records(S3Source.lines(s3, S3Location.parse("s3://input/missing.txt"))))
			.withMessage("Cannot read s3://input/missing.txt: no such object");
	}

	@Test
	void emptyPrefixFailsNamingIt() {
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> records(S3Source.lines(s3, S3Location.parse("s3://input/nothing/"))))
			.withMessage("Cannot read s3://input/nothing/: no object under this prefix; check the bucket and the "
					+ "prefix");
	}

	@Test
	void missingBucketFailsNamingIt() {
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> records(S3Source.lines(s3, S3Location.parse("s3://no-such-bucket/a.txt"))))
			.withMessage("Cannot read s3://no-such-bucket/a.txt: bucket 'no-such-bucket' does not exist");
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> records(S3Source.lines(s3, S3Location.parse("s3://no-such-bucket/parts/"))))
			.withMessage("Cannot read s3://no-such-bucket/parts/: bucket 'no-such-bucket' does not exist");
	}

	@Test
	void refusedCredentialsFailNamingTheObjectAndWhatToCheck() {
		try (S3Client wrongSecret = server.client(S3TestServer.ACCESS_KEY, "wrong-secret");
				S3Client wrongKey = server.client("wrong-key", S3TestServer.SECRET_KEY)) {
			assertThatExceptionOfType(SourceException.class)
				.isThrownBy(() -> records(S3Source.lines(wrongSecret, S3Location.parse("s3://input/lines/plain.txt"))))
				.withMessageStartingWith(
						"Cannot read s3://input/lines/plain.txt: access refused (SignatureDoesNotMatch: ")
				.withMessageEndingWith("); check the S3 client's credentials and its permissions on bucket 'input'");
			assertThatExceptionOfType(SourceException.class)
				.isThrownBy(() -> records(S3Source.lines(wrongKey, S3Location.parse("s3://input/parts/"))))
				.withMessageStartingWith("Cannot read s3://input/parts/: access refused (InvalidAccessKeyId: ");
		}
	}

	@Test
	void textNotValidInTheCharsetFailsNamingTheObject() throws Exception {
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> records(S3Source.lines(s3, S3Location.parse("s3://input/latin1.txt"))))
			.withMessage("Cannot read s3://input/latin1.txt: it is not valid UTF-8 text near line 1; set the source's "
					+ "charset(..)");
		assertThat(items(S3Source.lines(s3, S3Location.parse("s3://input/latin1.txt"))
			.charset(StandardCharsets.ISO_8859_1))).containsExactly("caf\u00e9");
	}

	@Test
	void rangedReadResumesAnUnchangedObjectAndRefusesAChangedOne() throws Exception {
		server.put(BUCKET, "resume.txt", "0123456789");
		S3Reading.ObjectOpener opener = new S3Reading.ObjectOpener(s3, BUCKET, "resume.txt");
		try (InputStream whole = opener.open(0); InputStream rest = opener.open(4)) {
			assertThat(whole.readNBytes(4)).isEqualTo("0123".getBytes(StandardCharsets.UTF_8));
			assertThat(rest.readAllBytes()).isEqualTo("456789".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(opener.open(10).readAllBytes()).isEmpty();
		server.put(BUCKET, "resume.txt", "changed!!!");
		assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> opener.open(4))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(412));
	}

	@Test
	void largeGzipObjectIsStreamed(@TempDir Path temp) throws Exception {
		Path file = temp.resolve("large.txt.gz");
		int lines = 800_000;
		long random = 42;
		try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
				new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
			for (int i = 0; i < lines; i++) {
				random = random * 6364136223846793005L + 1442695040888963407L;
				out.write("line-" + i + "-" + Long.toHexString(random) + "-" + Long.toHexString(random * 31)
						+ "-" + Long.toHexString(random * 131) + "-payload-payload\n");
			}
		}
		assertThat(Files.size(file)).isGreaterThan(20_000_000);
		server.putFile(BUCKET, "large.txt.gz", file);
		S3LinesSource source = S3Source.lines(s3, S3Location.parse("s3://input/large.txt.gz"));
		long count;
		S3Line last;
		try (Stream<S3Line> records = source.records(NO_ARGUMENTS)) {
			long[] seen = new long[1];
			last = records.peek((record) -> seen[0]++).reduce((first, second) -> second).orElseThrow();
			count = seen[0];
		}
		assertThat(count).isEqualTo(lines);
		assertThat(last.line()).isEqualTo(lines);
		assertThat(last.text()).startsWith("line-" + (lines - 1) + "-");
	}

	private static <R> List<R> records(RecordSource<R, ?> source) throws Exception {
		try (Stream<R> records = source.records(NO_ARGUMENTS)) {
			return records.toList();
		}
	}

	private static <R, I> List<I> items(RecordSource<R, I> source) throws Exception {
		return items(source, records(source));
	}

	private static <R, I> List<I> items(RecordSource<R, I> source, List<R> records) throws Exception {
		List<I> items = new ArrayList<>();
		for (R record : roundTrip(source, records)) {
			items.add(source.read(record));
		}
		return items;
	}

	/** The records as a worker reads them back from a chunk payload: one JSON value per line. */
	private static <R> List<R> roundTrip(RecordSource<R, ?> source, List<R> records) throws IOException {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		for (R record : records) {
			payload.write(PAYLOAD_JSON.writeValueAsBytes(record));
			payload.write('\n');
		}
		List<R> decoded = new ArrayList<>();
		for (String line : payload.toString(StandardCharsets.UTF_8).split("\n")) {
			decoded.add(PAYLOAD_JSON.readValue(line, source.recordType()));
		}
		return decoded;
	}

	/** The item of a record read back from its JSON, as a worker reads it. */
	private static <R, I> I readBack(RecordSource<R, I> source, R record) throws Exception {
		return source.read(PAYLOAD_JSON.readValue(PAYLOAD_JSON.writeValueAsBytes(record), source.recordType()));
	}

	/** The message of the failure of reading a record back from its JSON. */
	private static <R> String readFailure(RecordSource<R, ?> source, R record) {
		return catchThrowableOfType(ParseException.class, () -> readBack(source, record)).getMessage();
	}

	private static String csvFailure(String key) {
		S3CsvSource<Order> source = S3Source.csv(s3, S3Location.object(BUCKET, key), Order.class);
		return catchThrowableOfType(SourceException.class, () -> records(source))
			.getMessage();
	}

}
