package io.chunking.connectors.jdbc;

/**
 * {@link JdbcSource} on PostgreSQL at {@value TestDatabase#POSTGRES_URL}, each test skipped with the reason when it
 * does not answer.
 */
class PostgresJdbcSourceIntegrationTests extends JdbcSourceContract {

	PostgresJdbcSourceIntegrationTests() {
		super(TestDatabase.postgres());
	}

}
