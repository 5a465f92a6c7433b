package io.chunking.connectors.jdbc;

import static io.chunking.connectors.testing.RecordRoundTrip.noArguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.chunking.connectors.SourceException;
import io.chunking.connectors.testing.RecordRoundTrip;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;

/**
 * What {@link JdbcSource} does on every database it is tested against; each database's test subclasses it. Records
 * go through a payload as the framework stores them.
 */
abstract class JdbcSourceContract extends DatabaseContract {

	record Profile(long id, String name, int score) {
	}

	record Typed(int id, BigDecimal amount, double ratio, boolean flag, LocalDate born, LocalDateTime seenAt,
			OffsetDateTime paidAt, String note, long visits) {
	}

	JdbcSourceContract(TestDatabase database) {
		super(database);
	}

	@Test
	void pagesOnANumericKeyInKeyOrderWhateverTheInsertionOrder() throws Exception {
		String table = profiles(23);

		JdbcSource<Map<String, Object>> source = JdbcSource
			.query(database().dataSource(), "select id, name, score from " + table + " where active")
			.key("id")
			.pageSize(4);
		List<JdbcRecord> records = RecordRoundTrip.records(source, noArguments());

		List<Long> active = activeIds(23);
		assertThat(records).extracting(JdbcRecord::key)
			.containsExactlyElementsOf(active.stream().map(String::valueOf).toList());
		Map<String, Object> first = source.read(records.get(0));
		assertThat(((Number) first.get("id")).longValue()).isEqualTo(1);
		assertThat(first.get("name")).isEqualTo("p1");
		assertThat(first.get("NAME")).isEqualTo("p1");
		assertThat(first.get("score")).isEqualTo(10);
		assertThat(source.position(records.get(0))).isEqualTo("jdbc:" + table + "/id=1");
	}

	@Test
	void mapsRowsToARecordClass() throws Exception {
		String table = profiles(7);

		List<Profile> profiles = RecordRoundTrip.items(JdbcSource
			.query(database().dataSource(), "select id, name, score from " + table + " where active")
			.key("id")
			.pageSize(2)
			.as(Profile.class), noArguments());

		assertThat(profiles).containsExactly(new Profile(1, "p1", 10), new Profile(2, "p2", 20),
				new Profile(4, "p4", 40), new Profile(5, "p5", 50), new Profile(7, "p7", 70));
	}

	@Test
	void pagesOnAStringKeyInKeyOrder() throws Exception {
		String table = database().table("codes");
		database().execute("create table " + table + " (code varchar(10) primary key, label varchar(20))");
		List<String> codes = new ArrayList<>(
				IntStream.range(0, 11).mapToObj((i) -> String.format("k%02d", i * 7)).toList());
		Collections.shuffle(codes, new Random(3));
		for (String code : codes) {
			database().execute("insert into " + table + " values ('" + code + "', 'label " + code + "')");
		}

		List<Map<String, Object>> rows = RecordRoundTrip.items(
				JdbcSource.query(database().dataSource(), "select * from " + table).key("code").pageSize(3),
				noArguments());

		assertThat(rows).extracting((row) -> row.get("code"))
			.containsExactlyElementsOf(codes.stream().sorted().toList());
		assertThat(rows.get(0)).containsEntry("label", "label k00");
	}

	@Test
	void valuesOfEachTypeSurviveThePayloadAndMapToARecord() throws Exception {
		String table = database().table("typed");
		database().execute("create table " + table + " (id int primary key, amount numeric(12, 2), ratio double "
				+ "precision, flag boolean, born date, seen_at timestamp, paid_at timestamp with time zone, note "
				+ "varchar(20), visits bigint)",
				"insert into " + table + " values (1, 12.10, 0.25, true, date '2026-03-01', "
						+ "timestamp '2026-03-01 10:15:30', timestamp with time zone '2026-03-01 10:15:30+02:00', "
						+ "null, 3000000000)");
		JdbcSource<Map<String, Object>> source = JdbcSource.query(database().dataSource(), "select * from " + table)
			.key("id");

		Map<String, Object> row = RecordRoundTrip.items(source, noArguments()).get(0);
		Typed typed = RecordRoundTrip.items(source.as(Typed.class), noArguments()).get(0);

		assertThat(row).containsEntry("amount", "12.10")
			.containsEntry("ratio", 0.25)
			.containsEntry("flag", true)
			.containsEntry("born", "2026-03-01")
			.containsEntry("seen_at", "2026-03-01T10:15:30")
			.containsEntry("note", null)
			.containsEntry("visits", 3000000000L);
		assertThat(OffsetDateTime.parse((String) row.get("paid_at")).toInstant())
			.isEqualTo(Instant.parse("2026-03-01T08:15:30Z"));
		assertThat(typed).usingRecursiveComparison()
			.ignoringFields("paidAt")
			.isEqualTo(new Typed(1, new BigDecimal("12.10"), 0.25, true, LocalDate.parse("2026-03-01"),
					LocalDateTime.parse("2026-03-01T10:15:30"), null, null, 3000000000L));
		assertThat(typed.paidAt().toInstant()).isEqualTo(Instant.parse("2026-03-01T08:15:30Z"));
	}

	@Test
	void aRowThatDoesNotMapIsRejectedWhenReadWithItsPosition() throws Exception {
		String table = database().table("scores");
		database().execute("create table " + table + " (id int primary key, name varchar(10), score varchar(10))",
				"insert into " + table + " values (1, 'a', '3'), (2, 'b', 'high')");
		JdbcSource<Profile> source = JdbcSource.query(database().dataSource(), "select * from " + table)
			.key("id")
			.as(Profile.class);
		List<JdbcRecord> records = RecordRoundTrip.records(source, noArguments());

		assertThat(source.read(records.get(0))).isEqualTo(new Profile(1, "a", 3));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> source.read(records.get(1)))
			.withMessageStartingWith("Row id=2 of jdbc:" + table + " is not a " + Profile.class.getName() + ": ")
			.withMessageContaining("high");
		assertThat(source.position(records.get(1))).isEqualTo("jdbc:" + table + "/id=2");
	}

	@Test
	void theQuerysPlaceholdersTakeValuesFromTheArguments() throws Exception {
		String table = profiles(9);
		JobArguments arguments = JobArguments.validate(
				List.of(JobParameterSpec.longParam("minScore", 0, "Lowest score read")), Map.of("minScore", "50"));

		List<Profile> profiles = RecordRoundTrip.items(JdbcSource
			.query(database().dataSource(), "select * from " + table + " where score >= ? and active")
			.key("id")
			.parameters((args) -> List.of(args.getLong("minScore")))
			.pageSize(2)
			.name("active-profiles")
			.as(Profile.class), arguments);

		assertThat(profiles).extracting(Profile::id).containsExactly(5L, 7L, 8L);
	}

	@Test
	void anEmptyResultHasNoRecords() throws Exception {
		String table = profiles(3);

		assertThat(RecordRoundTrip.records(
				JdbcSource.query(database().dataSource(), "select * from " + table + " where score < 0").key("id"),
				noArguments())).isEmpty();
	}

	@Test
	void aQueryWithASyntaxErrorFailsAtTheFirstPageWithTheDatabasesMessageAndTheQuery() throws Exception {
		String table = profiles(1);
		String query = "select id, name frm " + table;

		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> JdbcSource.query(database().dataSource(), query).key("id").records(noArguments()))
			.withMessageStartingWith("Reading jdbc:query, paged on id, failed at the first page: ")
			.withMessageEndingWith("; query: " + query)
			.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase("syntax error"));
	}

	@Test
	void anUnknownColumnFailsAtTheFirstPageNamingIt() throws Exception {
		String table = profiles(1);

		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> JdbcSource.query(database().dataSource(), "select id, nickname from " + table)
				.key("id")
				.records(noArguments()))
			.withMessageStartingWith("Reading jdbc:" + table + ", paged on id, failed at the first page: ")
			.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase("nickname"));
	}

	@Test
	void aKeyColumnThatIsNotInTheResultFailsAtTheFirstPageNamingIt() throws Exception {
		String table = profiles(1);

		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> JdbcSource.query(database().dataSource(), "select name, score from " + table)
				.key("id")
				.records(noArguments()))
			.withMessageStartingWith("Reading jdbc:" + table + ", paged on id, failed at the first page: ")
			.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase("q.id"));
	}

	@Test
	void aNullKeyFailsTheSliceInsteadOfLeavingTheRowOut() throws Exception {
		String table = database().table("nullable");
		database().execute("create table " + table + " (id int, name varchar(10))",
				"insert into " + table + " values (3, 'c'), (null, 'x'), (1, 'a'), (2, 'b')");

		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> drain(
				JdbcSource.query(database().dataSource(), "select * from " + table).key("id").pageSize(2)))
			.withMessage("Reading jdbc:" + table + " failed: a row has no id; the source pages on id, which must "
					+ "not be null");
	}

	@Test
	void aRepeatedKeyFailsTheSliceInsteadOfLeavingRowsOut() throws Exception {
		String table = database().table("repeated");
		database().execute("create table " + table + " (id int, name varchar(10))",
				"insert into " + table + " values (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd')");

		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> drain(
				JdbcSource.query(database().dataSource(), "select * from " + table).key("id").pageSize(10)))
			.withMessage("Reading jdbc:" + table + " failed: two rows have id=2; the source pages on id, whose "
					+ "values must be unique");
	}

	/** A table of {@code count} profiles inserted in reverse order: id i, name pi, score 10 i, every third inactive. */
	private String profiles(int count) throws Exception {
		String table = database().table("profiles");
		database().execute("create table " + table
				+ " (id bigint primary key, name varchar(20), score int, active boolean)");
		String[] inserts = IntStream.iterate(count, (i) -> i >= 1, (i) -> i - 1)
			.mapToObj((i) -> "insert into " + table + " values (" + i + ", 'p" + i + "', " + (i * 10) + ", "
					+ (i % 3 != 0) + ")")
			.toArray(String[]::new);
		database().execute(inserts);
		return table;
	}

	private static List<Long> activeIds(int count) {
		return IntStream.rangeClosed(1, count).filter((i) -> i % 3 != 0).mapToObj((i) -> (long) i).toList();
	}

	private static void drain(JdbcSource<?> source) throws Exception {
		try (Stream<JdbcRecord> records = source.records(noArguments())) {
			records.forEach((record) -> {
			});
		}
	}

}
