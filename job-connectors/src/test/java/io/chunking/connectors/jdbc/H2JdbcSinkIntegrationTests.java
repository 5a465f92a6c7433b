package io.chunking.connectors.jdbc;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JdbcSink} on H2, in memory.
 */
class H2JdbcSinkIntegrationTests extends JdbcSinkContract {

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
