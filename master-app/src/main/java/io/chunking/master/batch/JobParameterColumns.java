package io.chunking.master.batch;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.stereotype.Component;

import io.chunking.job.InvalidJobArgumentsException;

/**
 * The widths of the job repository's parameter columns, {@code <prefix>JOB_EXECUTION_PARAMS.PARAMETER_NAME} and
 * {@code PARAMETER_VALUE}, read from the database's own schema on first use, so that a parameter that would not fit
 * is refused before anything is written. {@code JobOperator.start} creates the job instance before it writes the
 * parameters: a value longer than its column fails the start half-way and leaves an instance without execution.
 */
@Component
public class JobParameterColumns {

	private static final Log logger = LogFactory.getLog(JobParameterColumns.class);

	/** Width of PARAMETER_NAME in Spring Batch 6.0's schema scripts (every database): used if not readable. */
	static final int SCRIPT_NAME_WIDTH = 100;

	/** Width of PARAMETER_VALUE in Spring Batch 6.0's schema scripts (every database): used if not readable. */
	static final int SCRIPT_VALUE_WIDTH = 2500;

	private final DataSource dataSource;

	private final String table;

	private volatile @Nullable Widths widths;

	JobParameterColumns(DataSource dataSource, BatchJdbcProperties properties) {
		this.dataSource = dataSource;
		this.table = ((properties.getTablePrefix() != null) ? properties.getTablePrefix()
				: ExecutionQueries.DEFAULT_TABLE_PREFIX) + "JOB_EXECUTION_PARAMS";
	}

	/**
	 * @throws InvalidJobArgumentsException naming the first parameter whose name or value is longer than its column
	 */
	public void check(JobParameters parameters) {
		Widths widths = widths();
		for (JobParameter<?> parameter : parameters.parameters()) {
			if (parameter.name().length() > widths.name()) {
				throw new InvalidJobArgumentsException(parameter.name(), "has a name of " + parameter.name().length()
						+ " characters; the job repository stores names of at most " + widths.name() + " ("
						+ this.table + ".PARAMETER_NAME)");
			}
			String value = String.valueOf(parameter.value());
			if (value.length() > widths.value()) {
				throw new InvalidJobArgumentsException(parameter.name(), "is " + value.length()
						+ " characters long; the job repository stores values of at most " + widths.value()
						+ " characters (" + this.table + ".PARAMETER_VALUE)");
			}
		}
	}

	private Widths widths() {
		Widths known = this.widths;
		if (known != null) {
			return known;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			known = new Widths(width(connection, "PARAMETER_NAME", SCRIPT_NAME_WIDTH),
					width(connection, "PARAMETER_VALUE", SCRIPT_VALUE_WIDTH));
		}
		catch (SQLException ex) {
			// Not remembered: read again at the next check.
			logger.warn("Could not read the widths of " + this.table + "'s columns (" + ex.getMessage()
					+ "); assuming Spring Batch's " + SCRIPT_NAME_WIDTH + " and " + SCRIPT_VALUE_WIDTH);
			return new Widths(SCRIPT_NAME_WIDTH, SCRIPT_VALUE_WIDTH);
		}
		this.widths = known;
		return known;
	}

	private int width(Connection connection, String column, int scriptWidth) throws SQLException {
		int dot = this.table.lastIndexOf('.');
		String tableName = this.table.substring(dot + 1);
		String schema = (dot >= 0) ? this.table.substring(0, dot) : connection.getSchema();
		DatabaseMetaData metaData = connection.getMetaData();
		// Unquoted names are stored upper case by H2 and most databases, lower case by PostgreSQL.
		for (boolean upper : new boolean[] { true, false }) {
			try (ResultSet columns = metaData.getColumns(connection.getCatalog(), caseOf(schema, upper),
					caseOf(tableName, upper), caseOf(column, upper))) {
				if (columns.next()) {
					return columns.getInt("COLUMN_SIZE");
				}
			}
		}
		logger.warn("No column " + this.table + "." + column + " in the job repository's metadata; assuming "
				+ "Spring Batch's width of " + scriptWidth);
		return scriptWidth;
	}

	private static @Nullable String caseOf(@Nullable String name, boolean upper) {
		if (name == null) {
			return null;
		}
		return upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
	}

	private record Widths(int name, int value) {
	}

}
