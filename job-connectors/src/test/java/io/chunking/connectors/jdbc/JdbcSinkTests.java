package io.chunking.connectors.jdbc;

import static io.chunking.connectors.testing.RecordRoundTrip.noArguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.chunking.job.ChunkAttempt;

/**
 * The statements {@link JdbcSink} makes and the names it lets into them; no database is needed.
 */
class JdbcSinkTests {

	private static final DataSource UNUSED = new SimpleDriverDataSource();

	private static final List<String> COLUMNS = List.of("profile_id", "score", "note");

	@Test
	void postgresqlUpsertsWithOnConflictOnTheKeys() {
		assertThat(UpsertDialect.of("PostgreSQL", "jdbc:scores").upsert("scores", COLUMNS, List.of("profile_id")))
			.isEqualTo("INSERT INTO scores (profile_id, score, note) VALUES (?, ?, ?) ON CONFLICT (profile_id) "
					+ "DO UPDATE SET score = EXCLUDED.score, note = EXCLUDED.note");
		assertThat(UpsertDialect.POSTGRESQL.upsert("tags", List.of("a", "b"), List.of("a", "b")))
			.isEqualTo("INSERT INTO tags (a, b) VALUES (?, ?) ON CONFLICT (a, b) DO NOTHING");
	}

	@Test
	void h2UpsertsWithMergeOnTheKeys() {
		assertThat(UpsertDialect.of("H2", "jdbc:scores").upsert("app.scores", COLUMNS, List.of("profile_id")))
			.isEqualTo("MERGE INTO app.scores (profile_id, score, note) KEY (profile_id) VALUES (?, ?, ?)");
	}

	/** Only the statement is checked: no MySQL or MariaDB server is at hand to run it on. */
	@Test
	void mysqlAndMariadbUpsertWithOnDuplicateKeyUpdate() {
		String expected = "INSERT INTO scores (profile_id, score, note) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
				+ "score = VALUES(score), note = VALUES(note)";
		assertThat(UpsertDialect.of("MySQL", "jdbc:scores").upsert("scores", COLUMNS, List.of("profile_id")))
			.isEqualTo(expected);
		assertThat(UpsertDialect.of("MariaDB", "jdbc:scores").upsert("scores", COLUMNS, List.of("profile_id")))
			.isEqualTo(expected);
	}

	@Test
	void anotherDatabaseIsRefusedByName() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> UpsertDialect.of("Apache Derby", "jdbc:scores"))
			.withMessage("Cannot upsert into jdbc:scores: its database is Apache Derby, and the JDBC sink knows the "
					+ "upserts of PostgreSQL, H2, MySQL and MariaDB only; write to Apache Derby with a writer of "
					+ "your own (ChunkedJob...writer(..))");
	}

	@Test
	void tableAndKeyNamesMustBeUnquotedIdentifiers() {
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcSink.upsert(UNUSED, "scores; drop table x"))
			.withMessage("Table 'scores; drop table x' must be an unquoted identifier, letters, digits and '_' "
					+ "with an optional schema prefix (schema.table)");
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcSink.upsert(UNUSED, "scores").key("id\""))
			.withMessage("Key column 'id\"' must be an unquoted identifier: a letter or '_', then letters, "
					+ "digits or '_'");
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcSink.upsert(UNUSED, "scores").key("id", "ID"))
			.withMessage("Key column 'ID' is given twice");
	}

	@Test
	void columnNamesFromAFunctionMustBeUnquotedIdentifiers() {
		JdbcSink<String> sink = JdbcSink.upsert(UNUSED, "scores")
			.key("id")
			.columns((String output) -> Map.of("id", output, "name) values (1); --", 1));

		assertThatIllegalArgumentException().isThrownBy(() -> sink.open(attempt()).write(Chunk.of("a")))
			.withMessage("Column 'name) values (1); --' of output a for jdbc:scores must be an unquoted "
					+ "identifier: a letter or '_', then letters, digits or '_'");
	}

	@Test
	void outputsThatAreNotRecordsNeedAColumnsFunction() {
		JdbcSink<Object> sink = JdbcSink.upsert(UNUSED, "scores").key("id");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> sink.open(attempt()).write(Chunk.of("a")))
			.withMessage("Output a is a java.lang.String, not a record: give the JDBC sink a columns(..) function "
					+ "that makes its column values");
	}

	@Test
	void outputsOfOneWriteMustHaveTheSameColumns() {
		JdbcSink<Map<String, Object>> sink = JdbcSink.upsert(UNUSED, "scores")
			.key("id")
			.columns((Map<String, Object> output) -> output);

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> sink.open(attempt()).write(Chunk.of(Map.of("id", 1), Map.of("id", 2, "x", 3))))
			.withMessageContaining("another output of the write has [id]; every output of a write must have the "
					+ "same columns");
	}

	@Test
	void outputsWithANullKeyAreRefused() {
		record Score(String profileId, int score) {
		}
		JdbcSink<Object> sink = JdbcSink.upsert(UNUSED, "scores").key("profile_id");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> sink.open(attempt()).write(Chunk.of(new Score(null, 1))))
			.withMessage("Output Score[profileId=null, score=1] for jdbc:scores has a null key column profile_id; a "
					+ "row without a key would be inserted again by every attempt");
	}

	@Test
	void componentNamesBecomeSnakeCaseColumnsAndLabelsCamelCaseProperties() {
		assertThat(SqlNames.snakeCase("profileId")).isEqualTo("profile_id");
		assertThat(SqlNames.snakeCase("URLCount")).isEqualTo("url_count");
		assertThat(SqlNames.snakeCase("score2Total")).isEqualTo("score2_total");
		assertThat(RowMapping.camelCase("PROFILE_ID")).isEqualTo("profileId");
		assertThat(RowMapping.camelCase("profile_id")).isEqualTo("profileId");
		assertThat(RowMapping.camelCase("_id")).isEqualTo("_id");
	}

	private static ChunkAttempt attempt() {
		return new ChunkAttempt("rescore", 1, 0, 1, "worker", noArguments());
	}

}
