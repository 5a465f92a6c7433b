package io.chunking.connectors.jdbc;

import static io.chunking.connectors.testing.RecordRoundTrip.noArguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

import io.chunking.job.ChunkAttempt;

/**
 * What {@link JdbcSink} does on every database it is tested against; each database's test subclasses it.
 */
abstract class JdbcSinkContract extends DatabaseContract {

	record Score(String profileId, int score, BigDecimal ratio, Instant scoredAt, String note) {
	}

	record Total(String region, LocalDate saleDay, long total) {
	}

	JdbcSinkContract(TestDatabase database) {
		super(database);
	}

	@Test
	void writingTheOutputsOfTwoAttemptsLeavesOneRowPerKeyWithTheLastValues() throws Exception {
		String table = scores();
		JdbcSink<Object> sink = JdbcSink.upsert(database().dataSource(), table).key("profile_id");

		sink.open(attempt(1)).write(Chunk.of(score("p1", 10, "first"), score("p2", 20, "first")));
		sink.open(attempt(2)).write(Chunk.of(score("p1", 11, null), score("p2", 21, "second"),
				score("p3", 31, "second")));

		assertThat(rows("select profile_id, score, ratio, scored_at, note from " + table + " order by profile_id"))
			.containsExactly(List.of("p1", 11, "0.11", "2026-03-01T10:00:11Z", "null"),
					List.of("p2", 21, "0.21", "2026-03-01T10:00:21Z", "second"),
					List.of("p3", 31, "0.31", "2026-03-01T10:00:31Z", "second"));
	}

	@Test
	void theLastOfTwoOutputsWithOneKeyInAWriteWins() throws Exception {
		String table = scores();
		JdbcSink<Object> sink = JdbcSink.upsert(database().dataSource(), table).key("profile_id");

		sink.open(attempt(1)).write(Chunk.of(score("p1", 10, "a"), score("p2", 20, "a"), score("p1", 12, "b")));

		assertThat(rows("select profile_id, score from " + table + " order by profile_id"))
			.containsExactly(List.of("p1", 12), List.of("p2", 20));
	}

	@Test
	void aColumnsFunctionAndACompositeKeyUpsertEachKeyOnce() throws Exception {
		String table = database().table("totals");
		database().execute("create table " + table
				+ " (region varchar(10), sale_day date, total bigint, primary key (region, sale_day))");
		JdbcSink<Total> sink = JdbcSink.upsert(database().dataSource(), table)
			.key("region", "SALE_DAY")
			.columns((Total total) -> {
				Map<String, Object> columns = new LinkedHashMap<>();
				columns.put("total", total.total());
				columns.put("region", total.region());
				columns.put("sale_day", total.saleDay());
				return columns;
			});
		LocalDate day = LocalDate.parse("2026-03-01");

		sink.open(attempt(1)).write(Chunk.of(new Total("eu", day, 1), new Total("us", day, 2)));
		sink.open(attempt(2)).write(Chunk.of(new Total("eu", day, 3), new Total("eu", day.plusDays(1), 4)));

		assertThat(rows("select region, sale_day, total from " + table + " order by region, sale_day")).containsExactly(
				List.of("eu", "2026-03-01", 3L), List.of("eu", "2026-03-02", 4L), List.of("us", "2026-03-01", 2L));
	}

	@Test
	void aWriteThatFailsIsRolledBackWhole() throws Exception {
		String table = database().table("checked");
		database().execute("create table " + table + " (profile_id varchar(10) primary key, score int not null)");
		JdbcSink<Object> sink = JdbcSink.upsert(database().dataSource(), table).key("profile_id");
		record Checked(String profileId, Integer score) {
		}

		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> sink.open(attempt(1))
			.write(Chunk.of(new Checked("p1", 1), new Checked("p2", null), new Checked("p3", 3))));

		assertThat(rows("select profile_id from " + table)).isEmpty();
		sink.open(attempt(2)).write(Chunk.of(new Checked("p1", 1), new Checked("p2", 2), new Checked("p3", 3)));
		assertThat(rows("select profile_id, score from " + table + " order by profile_id"))
			.containsExactly(List.of("p1", 1), List.of("p2", 2), List.of("p3", 3));
	}

	@Test
	void outputsWithoutTheKeyColumnAreRefused() {
		JdbcSink<Object> sink = JdbcSink.upsert(database().dataSource(), "scores").key("id");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> sink.open(attempt(1)).write(Chunk.of(score("p1", 1, "a"))))
			.withMessageStartingWith("Output " + score("p1", 1, "a") + " for jdbc:scores has no key column id, its "
					+ "columns are [profile_id, score, ratio, scored_at, note]");
	}

	private String scores() throws SQLException {
		String table = database().table("scores");
		database().execute("create table " + table + " (profile_id varchar(10) primary key, score int, "
				+ "ratio numeric(6, 2), scored_at timestamp with time zone, note varchar(20))");
		return table;
	}

	/** The rows of a query, each as a list of its values, decimals and timestamps as text. */
	private List<List<Object>> rows(String sql) throws SQLException {
		List<List<Object>> rows = new ArrayList<>();
		try (Connection connection = database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				List<Object> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					Object value = result.getObject(i);
					row.add(switch (result.getMetaData().getColumnType(i)) {
						case java.sql.Types.TIMESTAMP, java.sql.Types.TIMESTAMP_WITH_TIMEZONE ->
							result.getObject(i, OffsetDateTime.class).toInstant().toString();
						case java.sql.Types.DATE -> result.getObject(i, LocalDate.class).toString();
						default -> (value == null) ? "null"
								: (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value;
					});
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static Score score(String profileId, int score, String note) {
		return new Score(profileId, score, new BigDecimal(score).movePointLeft(2),
				Instant.parse("2026-03-01T10:00:00Z").plusSeconds(score), note);
	}

	private static ChunkAttempt attempt(int attempt) {
		return new ChunkAttempt("rescore", 1, 0, attempt, "worker-" + attempt, noArguments());
	}

}
