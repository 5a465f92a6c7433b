package io.chunking.connectors.jdbc;

import java.util.regex.Pattern;

/**
 * SQL identifiers that go into generated statements unquoted, checked so that nothing else gets in: letters, digits
 * and {@code _}, not starting with a digit.
 */
final class SqlNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private SqlNames() {
	}

	static boolean isName(String name) {
		return NAME.matcher(name).matches();
	}

}
