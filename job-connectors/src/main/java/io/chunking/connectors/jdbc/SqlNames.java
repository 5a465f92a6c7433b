package io.chunking.connectors.jdbc;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * SQL identifiers that go into generated statements unquoted, checked so that nothing else gets in: letters, digits
 * and {@code _}, not starting with a digit, with an optional schema prefix for tables.
 */
final class SqlNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private SqlNames() {
	}

	static boolean isName(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * Checks that {@code column} is an unquoted identifier, failing with a message that names it as {@code kind}
	 * (e.g. {@code "Key column"}) followed by {@code where}, which may be empty.
	 */
	static void checkName(@Nullable String column, String kind, String where) {
		Assert.isTrue(column != null && isName(column), () -> kind + " '" + column + "'" + where
				+ " must be an unquoted identifier: a letter or '_', then letters, digits or '_'");
	}

	static boolean isTable(String table) {
		return TABLE.matcher(table).matches();
	}

	/** A Java name in snake case: {@code profileId} becomes {@code profile_id}, {@code URLCount} {@code url_count}. */
	static String snakeCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
			.replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
			.toLowerCase(Locale.ROOT);
	}

}
