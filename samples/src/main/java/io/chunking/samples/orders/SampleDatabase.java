package io.chunking.samples.orders;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.AbstractDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The JDBC database of the orders samples, connected on first use (so that an app with no such database configured
 * starts as usual) through a small pool, closed with the application. It is deliberately not a {@link DataSource}
 * bean, which would take the place of the app's own (the master's job repository).
 */
public final class SampleDatabase implements AutoCloseable {

	private final SamplesProperties.Jdbc settings;

	private @Nullable HikariDataSource pool;

	private final DataSource dataSource = new AbstractDataSource() {

		@Override
		public Connection getConnection() throws SQLException {
			return pool().getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return pool().getConnection(username, password);
		}

	};

	public SampleDatabase(SamplesProperties.Jdbc settings) {
		this.settings = settings;
	}

	/** The database, connected on first use. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	private synchronized HikariDataSource pool() throws SQLException {
		if (this.pool == null) {
			String url = this.settings.getUrl();
			if (url == null || url.isBlank()) {
				throw new SQLException("chunking.samples.jdbc.url is not set: the orders-mongo and orders-jdbc sample "
						+ "jobs need a JDBC database (e.g. jdbc:postgresql://127.0.0.1:5432/test)");
			}
			HikariDataSource pool = new HikariDataSource();
			pool.setPoolName("chunking-samples");
			pool.setJdbcUrl(url);
			pool.setUsername(this.settings.getUsername());
			pool.setPassword(this.settings.getPassword());
			pool.setMaximumPoolSize(4);
			this.pool = pool;
		}
		return this.pool;
	}

	@Override
	public synchronized void close() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

}
