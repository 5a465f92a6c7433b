package io.chunking.connectors.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.util.Assert;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;

/**
 * Writes each output as the row of its key in a table:
 *
 * <pre class="code">
 * JdbcSink.upsert(dataSource, "scores").key("profile_id")
 * </pre>
 *
 * Each output is inserted, or updates the row with the same key columns, so a chunk attempt that runs again (a
 * retry, a lost lease, a late zombie) overwrites the rows it wrote before: the table holds exactly one row per key,
 * the last one written. The statement is the database's upsert, chosen from its product name: PostgreSQL
 * {@code INSERT ... ON CONFLICT (keys) DO UPDATE} (the keys need a unique index), H2 {@code MERGE INTO ... KEY (keys)},
 * MySQL and MariaDB {@code INSERT ... ON DUPLICATE KEY UPDATE}; any other database fails the attempt with a message
 * naming it. Each {@code write} call is one JDBC batch in one transaction, committed at its end and rolled back if it
 * fails; outputs of one call with the same key are reduced to the last.
 * <p>
 * The columns of an output are a record's components, named in snake case ({@code profileId} fills
 * {@code profile_id}), or the map a {@link #columns(Function) function} makes. Every output of a call must have the
 * same columns, which include the keys. Table and column names are unquoted identifiers (letters, digits, {@code _},
 * and a schema prefix for the table), checked so that nothing else gets into the statement. An {@code Instant}
 * is written as a UTC {@code OffsetDateTime}, an enum as its name.
 * <p>
 * Instances are immutable: each setting returns a new sink.
 *
 * @param <O> output type
 */
public final class JdbcSink<O> implements ChunkSink<O> {

	private final DataSource dataSource;

	private final String table;

	private final List<String> keys;

	private final Function<? super O, ? extends Map<String, ?>> columns;

	private JdbcSink(DataSource dataSource, String table, List<String> keys,
			Function<? super O, ? extends Map<String, ?>> columns) {
		this.dataSource = dataSource;
		this.table = table;
		this.keys = keys;
		this.columns = columns;
	}

	/** Upserts into {@code table}, by the key columns that {@link Table#key} names. */
	public static Table upsert(DataSource dataSource, String table) {
		Assert.notNull(dataSource, "dataSource must not be null");
		Assert.hasText(table, "table must not be empty");
		Assert.isTrue(SqlNames.isTable(table), () -> "Table '" + table + "' must be an unquoted identifier, "
				+ "letters, digits and '_' with an optional schema prefix (schema.table)");
		return new Table(dataSource, table);
	}

	/** First stage: the table is known, its key columns come next. */
	public static final class Table {

		private final DataSource dataSource;

		private final String table;

		Table(DataSource dataSource, String table) {
			this.dataSource = dataSource;
			this.table = table;
		}

		/**
		 * Upserts by {@code columns}, the table's primary key or a unique key (PostgreSQL needs a unique index on
		 * exactly these columns), with records' components as columns.
		 */
		public JdbcSink<Object> key(String... columns) {
			Assert.notEmpty(columns, "key columns must not be empty");
			List<String> keys = new ArrayList<>();
			for (String column : columns) {
				SqlNames.checkName(column, "Key column", "");
				Assert.isTrue(!keys.contains(normal(column)), () -> "Key column '" + column + "' is given twice");
				keys.add(normal(column));
			}
			return new JdbcSink<>(this.dataSource, this.table, List.copyOf(keys), RecordColumns::of);
		}

	}

	/**
	 * Makes the column values of each output with {@code columns}: column name to value, the keys included.
	 */
	public <T> JdbcSink<T> columns(Function<? super T, ? extends Map<String, ?>> columns) {
		Assert.notNull(columns, "columns must not be null");
		return new JdbcSink<>(this.dataSource, this.table, this.keys, columns);
	}

	@Override
	public ItemWriter<O> open(ChunkAttempt attempt) {
		return this::write;
	}

	private void write(Chunk<? extends O> chunk) throws SQLException {
		List<String> names = null;
		Map<List<@Nullable Object>, List<@Nullable Object>> rows = new LinkedHashMap<>();
		for (O output : chunk) {
			Map<String, @Nullable Object> values = columnsOf(output);
			if (names == null) {
				names = checkedNames(values, output);
			}
			else if (!sameSet(names, values)) {
				throw new IllegalStateException("Output " + output + " for " + this + " has the columns "
						+ values.keySet() + ", another output of the write has " + names + "; every output of a write "
						+ "must have the same columns");
			}
			List<@Nullable Object> row = new ArrayList<>(names.size());
			names.forEach((name) -> row.add(values.get(name)));
			List<@Nullable Object> key = this.keys.stream().map(values::get).toList();
			Assert.state(!key.contains(null), () -> "Output " + output + " for " + this + " has a null key column "
					+ this.keys.get(key.indexOf(null)) + "; a row without a key would be inserted again by every "
					+ "attempt");
			rows.remove(key);
			rows.put(key, row);
		}
		if (names != null) {
			upsert(names, rows.values());
		}
	}

	private Map<String, @Nullable Object> columnsOf(O output) {
		Map<String, ?> given = this.columns.apply(output);
		Assert.state(given != null, () -> "The columns of output " + output + " for " + this + " are null");
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		given.forEach((name, value) -> values.put(normal(name), value));
		return values;
	}

	private List<String> checkedNames(Map<String, @Nullable Object> values, O output) {
		values.keySet().forEach((name) -> SqlNames.checkName(name, "Column", " of output " + output + " for " + this));
		for (String key : this.keys) {
			Assert.state(values.containsKey(key), () -> "Output " + output + " for " + this + " has no key column "
					+ key + ", its columns are " + values.keySet());
		}
		return new ArrayList<>(values.keySet());
	}

	private void upsert(List<String> names, Iterable<List<@Nullable Object>> rows) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			String sql = UpsertDialect.of(connection.getMetaData().getDatabaseProductName(), toString())
				.upsert(this.table, names, this.keys);
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (List<@Nullable Object> row : rows) {
					for (int i = 0; i < row.size(); i++) {
						bind(statement, i + 1, row.get(i));
					}
					statement.addBatch();
				}
				statement.executeBatch();
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				try {
					connection.rollback();
				}
				catch (SQLException rollback) {
					ex.addSuppressed(rollback);
				}
				throw ex;
			}
			finally {
				restore(connection, autoCommit);
			}
		}
	}

	private static void restore(Connection connection, boolean autoCommit) {
		try {
			connection.setAutoCommit(autoCommit);
		}
		catch (SQLException ex) {
			// The connection is closed next (a pool resets it); the write's own outcome is what counts.
		}
	}

	private static void bind(PreparedStatement statement, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.NULL);
		}
		else if (value instanceof Instant instant) {
			statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
		}
		else if (value instanceof Date date && value.getClass() == Date.class) {
			statement.setTimestamp(index, new Timestamp(date.getTime()));
		}
		else if (value instanceof Enum<?> constant) {
			statement.setString(index, constant.name());
		}
		else if (value instanceof Character character) {
			statement.setString(index, character.toString());
		}
		else {
			statement.setObject(index, value);
		}
	}

	private static boolean sameSet(List<String> names, Map<String, ?> values) {
		return names.size() == values.size() && values.keySet().containsAll(names);
	}

	private static String normal(String column) {
		return column.toLowerCase(Locale.ROOT);
	}

	/** The sink as {@code jdbc:<table>}. */
	@Override
	public String toString() {
		return "jdbc:" + this.table;
	}

}
