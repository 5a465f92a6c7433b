package io.chunking.connectors.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the columns of a row into values that survive a trip through JSON: integers, doubles, strings and booleans
 * as they are; decimals as their plain digits in a string (JSON numbers read back as doubles would lose digits);
 * dates, times and timestamps as ISO-8601 strings, offset included when the column has a time zone; binaries as
 * bytes (base64 in JSON); arrays as lists; anything else as the driver's text of it.
 */
final class RowValues {

	private final String[] labels;

	private final int[] types;

	private final String[] typeNames;

	RowValues(ResultSetMetaData metaData) throws SQLException {
		int count = metaData.getColumnCount();
		this.labels = new String[count];
		this.types = new int[count];
		this.typeNames = new String[count];
		for (int i = 0; i < count; i++) {
			this.labels[i] = metaData.getColumnLabel(i + 1);
			this.types[i] = metaData.getColumnType(i + 1);
			this.typeNames[i] = String.valueOf(metaData.getColumnTypeName(i + 1)).toLowerCase(Locale.ROOT);
		}
	}

	/** Index (from 0) of the column labelled {@code label}, ignoring case; -1 if there is none. */
	int indexOf(String label) {
		for (int i = 0; i < this.labels.length; i++) {
			if (this.labels[i].equalsIgnoreCase(label)) {
				return i;
			}
		}
		return -1;
	}

	List<String> labels() {
		return List.of(this.labels);
	}

	Map<String, @Nullable Object> row(ResultSet rows) throws SQLException {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		for (int i = 0; i < this.labels.length; i++) {
			row.put(this.labels[i], value(rows, i + 1, this.types[i], this.typeNames[i]));
		}
		return row;
	}

	private static @Nullable Object value(ResultSet rows, int column, int type, String typeName) throws SQLException {
		Object value = switch (type) {
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> rows.getInt(column);
			case Types.BIGINT -> rows.getLong(column);
			case Types.NUMERIC, Types.DECIMAL -> rows.getBigDecimal(column);
			case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
					Types.CLOB, Types.NCLOB -> rows.getString(column);
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rows.getBytes(column);
			case Types.DATE -> rows.getObject(column, LocalDate.class);
			case Types.TIME -> rows.getObject(column, LocalTime.class);
			case Types.TIME_WITH_TIMEZONE -> rows.getObject(column, OffsetTime.class);
			case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(column, OffsetDateTime.class);
			// PostgreSQL reports timestamptz columns as TIMESTAMP.
			case Types.TIMESTAMP -> typeName.equals("timestamptz") ? rows.getObject(column, OffsetDateTime.class)
					: rows.getObject(column, LocalDateTime.class);
			case Types.ARRAY -> rows.getArray(column);
			case Types.BOOLEAN, Types.BIT, Types.REAL, Types.FLOAT, Types.DOUBLE -> rows.getObject(column);
			default -> plainOrText(rows.getObject(column), rows, column);
		};
		return rows.wasNull() ? null : plain(value);
	}

	private static @Nullable Object plainOrText(@Nullable Object value, ResultSet rows, int column)
			throws SQLException {
		if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) {
			return value;
		}
		return rows.getString(column);
	}

	static @Nullable Object plain(@Nullable Object value) throws SQLException {
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof BigInteger integer) {
			return integer.toString();
		}
		if (value instanceof LocalDateTime timestamp) {
			return timestamp.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		}
		if (value instanceof LocalTime time) {
			return time.format(DateTimeFormatter.ISO_LOCAL_TIME);
		}
		if (value instanceof OffsetDateTime timestamp) {
			return timestamp.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		}
		if (value instanceof LocalDate || value instanceof OffsetTime || value instanceof java.util.UUID) {
			return value.toString();
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return plain(timestamp.toLocalDateTime());
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().toString();
		}
		if (value instanceof java.sql.Time time) {
			return plain(time.toLocalTime());
		}
		if (value instanceof Array array) {
			try {
				List<@Nullable Object> list = new ArrayList<>();
				for (Object element : (Object[]) array.getArray()) {
					list.add(plain(element));
				}
				return list;
			}
			finally {
				array.free();
			}
		}
		return value;
	}

}
