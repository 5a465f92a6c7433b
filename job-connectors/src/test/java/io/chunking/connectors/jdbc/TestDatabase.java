package io.chunking.connectors.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database the JDBC connectors are tested against: H2 in memory, always, and PostgreSQL at {@value #POSTGRES_URL}
 * (user {@code postgres}) when it answers, its tests being skipped with the reason otherwise. Tables get names
 * unique to the test run and are dropped after each test.
 */
final class TestDatabase {

	static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private final DataSource dataSource;

	private final @Nullable String unavailable;

	private final List<String> tables = new ArrayList<>();

	private TestDatabase(DataSource dataSource, @Nullable String unavailable) {
		this.dataSource = dataSource;
		this.unavailable = unavailable;
	}

	static TestDatabase h2() {
		return new TestDatabase(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:connectors-" + RUN + ";DB_CLOSE_DELAY=-1"), null);
	}

	/** PostgreSQL, which {@link #assumeAnswers()} checks before each test. */
	static TestDatabase postgres() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				POSTGRES_URL + "?connectTimeout=2&loginTimeout=2&socketTimeout=30", "postgres", "");
		try (Connection connection = dataSource.getConnection()) {
			connection.isValid(2);
			return new TestDatabase(dataSource, null);
		}
		catch (SQLException ex) {
			return new TestDatabase(dataSource, "PostgreSQL does not answer at " + POSTGRES_URL
					+ " as user postgres, so this test did not run on it: " + ex.getMessage());
		}
	}

	/**
	 * Skips the test, saying why, if the database did not answer; fails it instead where PostgreSQL is required
	 * ({@code -Dchunking.it.postgres.required=true}, as in CI).
	 */
	void assumeAnswers() {
		if (this.unavailable != null && Boolean.getBoolean("chunking.it.postgres.required")) {
			throw new IllegalStateException("PostgreSQL is required (chunking.it.postgres.required=true): "
					+ this.unavailable);
		}
		assumeTrue(this.unavailable == null, () -> "Skipped: " + this.unavailable);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/** A table name unique to this run, dropped by {@link #dropTables()}. */
	String table(String prefix) {
		String table = prefix + "_" + RUN + "_" + this.tables.size();
		this.tables.add(table);
		return table;
	}

	void execute(String... statements) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	void dropTables() throws SQLException {
		for (String table : this.tables) {
			execute("drop table if exists " + table);
		}
		this.tables.clear();
	}

}
