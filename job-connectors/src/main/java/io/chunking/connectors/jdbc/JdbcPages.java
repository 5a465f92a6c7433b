package io.chunking.connectors.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.chunking.connectors.SourceException;
import io.chunking.connectors.support.ExceptionMessages;
import io.chunking.connectors.support.PagedIterator;

/**
 * The rows of a query in key order, a page at a time: each page is the query wrapped as
 * {@code select * from (<query>) q where q.<key> > ? order by q.<key> fetch first <n> rows only} (the first page
 * without the condition), run on a connection of its own, so no cursor or connection stays open between pages and no
 * more than a page is held in memory. The first page is read when the pages are created, so that a bad query fails
 * before any chunk is written.
 * <p>
 * Keys must be unique and not null: a key repeated across two pages would be skipped, so a page with a repeated key
 * fails, and a null key is never greater than another, so a last query checks that there is none.
 */
final class JdbcPages extends PagedIterator<JdbcRecord, JdbcRecord> {

	private final DataSource dataSource;

	private final String source;

	private final String query;

	private final String key;

	private final List<?> parameters;

	private @Nullable Object last;

	JdbcPages(DataSource dataSource, String source, String query, String key, List<?> parameters, int pageSize) {
		super(pageSize, source + " has no more rows");
		this.dataSource = dataSource;
		this.source = source;
		this.query = query;
		this.key = key;
		this.parameters = parameters;
		readFirstPage();
	}

	@Override
	protected JdbcRecord item(JdbcRecord record) {
		return record;
	}

	@Override
	protected List<JdbcRecord> readPage() {
		Object after = this.last;
		String where = (after != null) ? " where q." + this.key + " > ?" : "";
		String sql = "select * from (" + this.query + ") q" + where + " order by q." + this.key + " fetch first "
				+ pageSize() + " rows only";
		String what = (after != null) ? "the page after " + this.key + "=" + text(after) : "the first page";
		List<JdbcRecord> records = new ArrayList<>(Math.min(pageSize(), 1024));
		Object previous = after;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = prepare(connection, sql, after);
				ResultSet rows = statement.executeQuery()) {
			RowValues values = new RowValues(rows.getMetaData());
			int keyIndex = values.indexOf(this.key);
			if (keyIndex < 0) {
				throw new SourceException("Reading " + this.source + " failed: the query has no column " + this.key
						+ " to page on, its columns are " + values.labels() + "; query: " + this.query);
			}
			while (rows.next()) {
				Object key = rows.getObject(keyIndex + 1);
				check(key, previous);
				records.add(new JdbcRecord(text(key), values.row(rows)));
				previous = key;
			}
		}
		catch (SQLException ex) {
			throw new SourceException("Reading " + this.source + ", paged on " + this.key + ", failed at " + what
					+ ": " + ExceptionMessages.withChained(ex) + "; query: " + this.query, ex);
		}
		this.last = previous;
		return records;
	}

	@Override
	protected void lastPageRead() {
		if (this.last != null) {
			checkNoNullKey();
		}
	}

	private void check(@Nullable Object key, @Nullable Object previous) {
		if (key == null) {
			throw nullKey();
		}
		if (Objects.equals(key, previous)) {
			throw new SourceException("Reading " + this.source + " failed: two rows have " + this.key + "="
					+ text(key) + "; the source pages on " + this.key + ", whose values must be unique");
		}
	}

	private void checkNoNullKey() {
		String sql = "select 1 from (" + this.query + ") q where q." + this.key + " is null fetch first 1 rows only";
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = prepare(connection, sql, null);
				ResultSet rows = statement.executeQuery()) {
			if (rows.next()) {
				throw nullKey();
			}
		}
		catch (SQLException ex) {
			throw new SourceException("Reading " + this.source + " failed looking for null keys: "
					+ ExceptionMessages.withChained(ex) + "; query: " + this.query, ex);
		}
	}

	private SourceException nullKey() {
		return new SourceException("Reading " + this.source + " failed: a row has no " + this.key + "; the source "
				+ "pages on " + this.key + ", which must not be null");
	}

	private PreparedStatement prepare(Connection connection, String sql, @Nullable Object after)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		try {
			statement.setFetchSize(pageSize());
			int index = 1;
			for (Object parameter : this.parameters) {
				statement.setObject(index++, parameter);
			}
			if (after != null) {
				statement.setObject(index, after);
			}
			return statement;
		}
		catch (SQLException ex) {
			statement.close();
			throw ex;
		}
	}

	static String text(Object key) {
		return (key instanceof java.math.BigDecimal decimal) ? decimal.toPlainString() : String.valueOf(key);
	}

}
