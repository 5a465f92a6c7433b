package io.chunking.connectors.jdbc;

/**
 * {@link JdbcSource} on H2, in memory.
 */
class H2JdbcSourceIntegrationTests extends JdbcSourceContract {

	H2JdbcSourceIntegrationTests() {
		super(TestDatabase.h2());
	}

}
