package io.chunking.master.batch;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;

/**
 * Creates the Spring Batch schema only where it is missing. The stock initializer runs the schema script on every
 * start and fails on a database that already has the tables (a restarted master, a second master, PostgreSQL), so
 * this one checks for the job instance table first.
 */
class JobRepositorySchemaInitializer extends BatchDataSourceScriptDatabaseInitializer {

	private final DataSource dataSource;

	private final String tablePrefix;

	JobRepositorySchemaInitializer(DataSource dataSource, BatchJdbcProperties properties) {
		super(dataSource, properties);
		this.dataSource = dataSource;
		this.tablePrefix = (properties.getTablePrefix() != null) ? properties.getTablePrefix() : "BATCH_";
	}

	@Override
	public boolean initializeDatabase() {
		if (schemaExists()) {
			return false;
		}
		return super.initializeDatabase();
	}

	private boolean schemaExists() {
		String table = this.tablePrefix + "JOB_INSTANCE";
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			String schema = connection.getSchema();
			for (String name : new String[] { table, table.toLowerCase(), table.toUpperCase() }) {
				try (ResultSet tables = metaData.getTables(connection.getCatalog(), schema, name, null)) {
					if (tables.next()) {
						return true;
					}
				}
			}
			return false;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not check for the Spring Batch schema: " + ex.getMessage(), ex);
		}
	}

}
