package io.chunking.connectors.jdbc;

/**
 * {@link JdbcSink} on H2, in memory.
 */
class H2JdbcSinkIntegrationTests extends JdbcSinkContract {

	H2JdbcSinkIntegrationTests() {
		super(TestDatabase.h2());
	}

}
