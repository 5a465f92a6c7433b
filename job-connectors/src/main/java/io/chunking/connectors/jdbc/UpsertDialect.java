package io.chunking.connectors.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The upsert statement of a database, chosen from its product name
 * ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}).
 */
enum UpsertDialect {

	/** {@code INSERT ... ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c}, which needs a unique index on the keys. */
	POSTGRESQL {

		@Override
		String upsert(String table, List<String> columns, List<String> keys) {
			List<String> updated = columns.stream().filter((column) -> !keys.contains(column)).toList();
			String update = updated.isEmpty() ? "DO NOTHING" : updated.stream()
				.map((column) -> column + " = EXCLUDED." + column)
				.collect(Collectors.joining(", ", "DO UPDATE SET ", ""));
			return insert(table, columns) + " ON CONFLICT (" + String.join(", ", keys) + ") " + update;
		}

	},

	/** {@code MERGE INTO t (columns) KEY (keys) VALUES (...)}. */
	H2 {

		@Override
		String upsert(String table, List<String> columns, List<String> keys) {
			return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keys)
					+ ") VALUES (" + placeholders(columns) + ")";
		}

	},

	/**
	 * {@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)}, which MySQL and MariaDB apply on a conflict with any
	 * unique index of the table, so the keys should be its only one.
	 */
	MYSQL {

		@Override
		String upsert(String table, List<String> columns, List<String> keys) {
			List<String> updated = columns.stream().filter((column) -> !keys.contains(column)).toList();
			List<String> assigned = updated.isEmpty() ? List.of(keys.get(0)) : updated;
			return insert(table, columns) + " ON DUPLICATE KEY UPDATE " + assigned.stream()
				.map((column) -> column + " = VALUES(" + column + ")")
				.collect(Collectors.joining(", "));
		}

	};

	/** The statement that inserts a row of {@code columns} or updates the row of the same {@code keys}. */
	abstract String upsert(String table, List<String> columns, List<String> keys);

	/**
	 * @param product the database's product name
	 * @param sink the sink, as an error message names it
	 * @throws IllegalStateException naming the product if it has no known upsert
	 */
	static UpsertDialect of(String product, String sink) {
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("postgresql")) {
			return POSTGRESQL;
		}
		if (name.equals("h2")) {
			return H2;
		}
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		throw new IllegalStateException("Cannot upsert into " + sink + ": its database is " + product + ", and the "
				+ "JDBC sink knows the upserts of PostgreSQL, H2, MySQL and MariaDB only; write to " + product
				+ " with a writer of your own (ChunkedJob...writer(..))");
	}

	private static String insert(String table, List<String> columns) {
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns)
				+ ")";
	}

	private static String placeholders(List<String> columns) {
		return columns.stream().map((column) -> "?").collect(Collectors.joining(", "));
	}

}
