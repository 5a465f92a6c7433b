package io.chunking.connectors.jdbc;

/**
 * {@link JdbcSink} on PostgreSQL at {@value TestDatabase#POSTGRES_URL}, each test skipped with the reason when it
 * does not answer.
 */
class PostgresJdbcSinkIntegrationTests extends JdbcSinkContract {

	PostgresJdbcSinkIntegrationTests() {
		super(TestDatabase.postgres());
	}

}
