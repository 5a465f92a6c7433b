package io.chunking.connectors.jdbc;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JdbcSource} on H2, in memory.
 */
class H2JdbcSourceIntegrationTests extends JdbcSourceContract {

	private static TestDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = TestDatabase.h2();
	}

	@Override
	protected TestDatabase database() {
		return database;
	}

}
