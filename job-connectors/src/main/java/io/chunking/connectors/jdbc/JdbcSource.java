package io.chunking.connectors.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.LinkedCaseInsensitiveMap;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;
import tools.jackson.core.JacksonException;

/**
 * The rows of a SQL query, in the order of a key column, as a job's items:
 *
 * <pre class="code">
 * JdbcSource.query(dataSource, "select id, name, score from profiles where active").key("id")
 *     .as(Profile.class)
 * </pre>
 *
 * The master reads the rows a page at a time, paging on the key rather than an offset: each page is the query
 * wrapped as {@code select * from (<query>) q where q.id > ? order by q.id fetch first <n> rows only}, so every
 * page is an index range that costs the same however deep it is, no connection stays open between pages, and memory
 * holds one page. The databases that accept this SQL include PostgreSQL and H2 (both tested), Oracle 12c and later,
 * and DB2; MySQL and MariaDB do not ({@code fetch first}).
 * <p>
 * The key is one column of the query's result, unquoted, with unique, non-null values of an integer, long or string
 * type (string keys follow the database's collation); a row with a null or repeated key fails the slice rather than
 * being left out. The master stores each row as a map of column label to JSON value ({@link JdbcRecord}); a worker
 * reads it into the item, by default the map itself (keys matched ignoring case). A row that does not map is skipped
 * and recorded with its position, {@code jdbc:<name>/<key>=<value>}, where the name is the query's first table
 * unless given.
 * <p>
 * A query that cannot run (a syntax error, an unknown table or column, the key not among its columns, refused
 * credentials) fails the slice at the first page with a {@link io.chunking.connectors.SourceException} that names
 * the source, the database's message and the query.
 * <p>
 * Instances are immutable: each setting returns a new source.
 *
 * @param <I> item type
 */
public final class JdbcSource<I> implements RecordSource<JdbcRecord, I> {

	/** Default number of rows per query. */
	public static final int DEFAULT_PAGE_SIZE = 500;

	private static final Pattern FIRST_TABLE = Pattern.compile("(?is)\\bfrom\\s+([A-Za-z_][A-Za-z0-9_.]*)");

	private final DataSource dataSource;

	private final String query;

	private final String key;

	private final String name;

	private final Function<JobArguments, ? extends List<?>> parameters;

	private final int pageSize;

	private final Function<Map<String, @Nullable Object>, ? extends I> reader;

	private JdbcSource(DataSource dataSource, String query, String key, String name,
			Function<JobArguments, ? extends List<?>> parameters, int pageSize,
			Function<Map<String, @Nullable Object>, ? extends I> reader) {
		this.dataSource = dataSource;
		this.query = query;
		this.key = key;
		this.name = name;
		this.parameters = parameters;
		this.pageSize = pageSize;
		this.reader = reader;
	}

	/**
	 * The rows of {@code query}, to be paged on the key column that {@link Query#key} names.
	 * @param query a {@code select} that may have {@code ?} placeholders (see {@link #parameters(Function)}) and
	 * must not be ordered or limited itself
	 */
	public static Query query(DataSource dataSource, String query) {
		Assert.notNull(dataSource, "dataSource must not be null");
		Assert.hasText(query, "query must not be empty");
		return new Query(dataSource, query.strip().replaceAll(";+$", "").strip());
	}

	/** First stage: the query is known, its key comes next. */
	public static final class Query {

		private final DataSource dataSource;

		private final String query;

		Query(DataSource dataSource, String query) {
			this.dataSource = dataSource;
			this.query = query;
		}

		/**
		 * Pages the query on {@code column}, a column of its result with unique, non-null values, as the result
		 * names it: an unquoted identifier (letters, digits, {@code _}).
		 */
		public JdbcSource<Map<String, @Nullable Object>> key(String column) {
			Assert.hasText(column, "key column must not be empty");
			SqlNames.checkName(column, "Key column", "");
			Matcher table = FIRST_TABLE.matcher(this.query);
			String name = table.find() ? table.group(1) : "query";
			return new JdbcSource<>(this.dataSource, this.query, column, name, (arguments) -> List.of(),
					DEFAULT_PAGE_SIZE, JdbcSource::caseInsensitive);
		}

	}

	/**
	 * The values of the query's {@code ?} placeholders, in order, made from the arguments of each run.
	 */
	public JdbcSource<I> parameters(Function<JobArguments, ? extends List<?>> parameters) {
		Assert.notNull(parameters, "parameters must not be null");
		return new JdbcSource<>(this.dataSource, this.query, this.key, this.name, parameters, this.pageSize,
				this.reader);
	}

	/** Rows per query, between 1 and 100000; defaults to {@value #DEFAULT_PAGE_SIZE}. */
	public JdbcSource<I> pageSize(int pageSize) {
		Assert.isTrue(pageSize >= 1 && pageSize <= 100_000,
				() -> "pageSize must be between 1 and 100000, was " + pageSize);
		return new JdbcSource<>(this.dataSource, this.query, this.key, this.name, this.parameters, pageSize,
				this.reader);
	}

	/** The source's name in positions and messages, {@code jdbc:<name>}; defaults to the query's first table. */
	public JdbcSource<I> name(String name) {
		Assert.hasText(name, "name must not be empty");
		return new JdbcSource<>(this.dataSource, this.query, this.key, name, this.parameters, this.pageSize,
				this.reader);
	}

	/**
	 * Maps each row to {@code type} with Jackson, on the workers: column labels become camel-case property names
	 * ({@code profile_id} and {@code PROFILE_ID} fill {@code profileId}), matched ignoring case; decimal and date
	 * strings convert to {@code BigDecimal}, {@code LocalDate}, {@code OffsetDateTime} and the like; columns the type
	 * lacks are ignored. A row that does not map is skipped with its position.
	 */
	public <T> JdbcSource<T> as(Class<T> type) {
		Assert.notNull(type, "type must not be null");
		return map((row) -> {
			try {
				return RowMapping.map(row, type);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Row " + this.key + "=" + row.get(this.key) + " of " + this
						+ " is not a " + type.getName() + ": " + ex.getOriginalMessage(), ex);
			}
		});
	}

	/**
	 * Maps each row to an item with {@code mapper}, on the workers; the row's keys are its column labels, matched
	 * ignoring case. An exception skips the row.
	 */
	public <T> JdbcSource<T> map(Function<Map<String, @Nullable Object>, ? extends T> mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		return new JdbcSource<>(this.dataSource, this.query, this.key, this.name, this.parameters, this.pageSize,
				(row) -> mapper.apply(caseInsensitive(row)));
	}

	@Override
	public Class<JdbcRecord> recordType() {
		return JdbcRecord.class;
	}

	/** The rows of the query, a page at a time; the first page is read before this returns. */
	@Override
	public Stream<JdbcRecord> records(JobArguments arguments) {
		List<?> values = this.parameters.apply(arguments);
		Assert.state(values != null, () -> "The parameters of " + this + " are null for arguments " + arguments);
		JdbcPages pages = new JdbcPages(this.dataSource, toString(), this.query, this.key, values, this.pageSize);
		return StreamSupport.stream(
				Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
	}

	@Override
	public I read(JdbcRecord record) {
		return this.reader.apply(record.row());
	}

	@Override
	public String position(JdbcRecord record) {
		return this + "/" + this.key + "=" + record.key();
	}

	/** The source as positions name it: {@code jdbc:<name>}. */
	@Override
	public String toString() {
		return "jdbc:" + this.name;
	}

	private static Map<String, @Nullable Object> caseInsensitive(Map<String, @Nullable Object> row) {
		if (row instanceof LinkedCaseInsensitiveMap) {
			return row;
		}
		Map<String, @Nullable Object> map = new LinkedCaseInsensitiveMap<>(row.size());
		map.putAll(row);
		return map;
	}

}
