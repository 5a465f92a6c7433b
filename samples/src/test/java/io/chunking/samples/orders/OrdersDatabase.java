package io.chunking.samples.orders;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.tools.Server;

import io.chunking.testing.ChunkingCluster;

/**
 * The JDBC database of the orders samples in the tests: the PostgreSQL server on 127.0.0.1:5432 (database
 * {@code test}, user {@code postgres}) when it answers, which {@code -Dchunking.it.postgres.required=true} (CI)
 * demands; otherwise an H2 server this test JVM starts on a free port. Master and workers reach it over TCP.
 */
final class OrdersDatabase implements AutoCloseable {

	private final String url;

	private final String user;

	private final String password;

	private final Server h2;

	private OrdersDatabase(String url, String user, String password, Server h2) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.h2 = h2;
	}

	static OrdersDatabase start(Path dir) throws SQLException, IOException {
		if (postgresAnswers()) {
			return new OrdersDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", null);
		}
		if (Boolean.getBoolean("chunking.it.postgres.required")) {
			throw new IllegalStateException("PostgreSQL is required (chunking.it.postgres.required=true) but nothing "
					+ "answers on 127.0.0.1:5432");
		}
		int port = ChunkingCluster.freePort();
		Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
				dir.toString())
			.start();
		return new OrdersDatabase("jdbc:h2:tcp://127.0.0.1:" + port + "/orders", "sa", "sa", server);
	}

	private static boolean postgresAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** PostgreSQL or H2. */
	String product() {
		return (this.h2 != null) ? "H2" : "PostgreSQL";
	}

	/** The arguments that give master and workers this database. */
	String[] args() {
		return new String[] { "--chunking.samples.jdbc.url=" + this.url, "--chunking.samples.jdbc.username=" + this.user,
				"--chunking.samples.jdbc.password=" + this.password };
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	/** (Re)creates the tables of the orders samples, empty; {@code orders} only if asked. */
	void createTables(boolean withOrders) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists " + OrdersJobs.ORDERS_TABLE);
			statement.execute("drop table if exists " + OrdersJobs.TOTALS_TABLE);
			if (withOrders) {
				statement.execute("create table " + OrdersJobs.ORDERS_TABLE + " (id varchar(20) primary key, "
						+ "customer varchar(40) not null, category varchar(20) not null, amount numeric(10, 2) not null)");
			}
			statement.execute("create table " + OrdersJobs.TOTALS_TABLE + " (id varchar(20) primary key, "
					+ "customer varchar(40) not null, category varchar(20) not null, amount_cents bigint not null)");
		}
	}

	@Override
	public void close() throws SQLException {
		if (this.h2 != null) {
			this.h2.stop();
		}
		else {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("drop table if exists " + OrdersJobs.ORDERS_TABLE);
				statement.execute("drop table if exists " + OrdersJobs.TOTALS_TABLE);
			}
		}
	}

}
