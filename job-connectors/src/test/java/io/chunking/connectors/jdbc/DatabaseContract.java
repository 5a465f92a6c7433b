package io.chunking.connectors.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * What the JDBC contracts share: the database a subclass gives, made once per test class (one test instance serves
 * all its tests), checked to answer before each test and rid of the test's tables after it.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class DatabaseContract {

	private final TestDatabase database;

	DatabaseContract(TestDatabase database) {
		this.database = database;
	}

	protected final TestDatabase database() {
		return this.database;
	}

	@BeforeEach
	void requireDatabase() {
		this.database.assumeAnswers();
	}

	@AfterEach
	void dropTables() throws Exception {
		this.database.dropTables();
	}

}
