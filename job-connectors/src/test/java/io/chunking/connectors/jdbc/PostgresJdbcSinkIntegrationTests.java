package io.chunking.connectors.jdbc;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JdbcSink} on PostgreSQL at {@value TestDatabase#POSTGRES_URL}, each test skipped with the reason when it
 * does not answer.
 */
class PostgresJdbcSinkIntegrationTests extends JdbcSinkContract {

	private static TestDatabase database;

	@BeforeAll
	static void connect() {
		database = TestDatabase.postgres();
	}

	@Override
	protected TestDatabase database() {
		return database;
	}

}
