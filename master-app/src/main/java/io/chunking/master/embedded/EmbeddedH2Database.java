package io.chunking.master.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.h2.api.ErrorCode;
import org.jspecify.annotations.Nullable;

import io.chunking.support.EmbeddedCredentials;
import io.chunking.support.EmbeddedDefaults;

/**
 * The master's job repository database file, opened in-process (not over TCP, whose server refuses to create
 * databases) before the H2 server starts: created on the first start with the embedded login as its admin, and
 * made to accept the current login when it changed. A database that refuses the current login is unlocked with
 * the login stored at the previous start, then with H2's former default ({@code sa}, no password), and given the
 * current login; one that refuses them all fails the start.
 */
final class EmbeddedH2Database {

	private static final Log logger = LogFactory.getLog(EmbeddedH2Database.class);

	/** The login of databases created before the embedded job repository required a password. */
	private static final Login FORMER_DEFAULT = new Login("sa", "");

	private EmbeddedH2Database() {
	}

	/**
	 * Makes the database {@link EmbeddedDefaults#JDBC_DATABASE} in {@code directory} exist and accept
	 * {@code current}; {@code previous} is the login stored at the previous start, or {@code null}.
	 */
	static void prepare(Path directory, EmbeddedCredentials current, @Nullable EmbeddedCredentials previous)
			throws SQLException {
		String url = "jdbc:h2:file:" + directory.resolve(EmbeddedDefaults.JDBC_DATABASE).toAbsolutePath();
		Login to = new Login(current.user(), current.password());
		try (Connection connection = to.connect(url)) {
			return;
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
				throw ex;
			}
		}
		List<Login> earlier = new ArrayList<>();
		if (previous != null && !previous.equals(current)) {
			earlier.add(new Login(previous.user(), previous.password()));
		}
		earlier.add(FORMER_DEFAULT);
		for (Login login : earlier) {
			try (Connection connection = login.connect(url)) {
				changeLogin(connection, url, login, to);
				logger.info("The embedded job repository " + url + " now takes the login of user '" + current.user()
						+ "' instead of the one of user '" + login.user() + "'");
				return;
			}
			catch (SQLException ex) {
				if (ex.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
					throw ex;
				}
			}
		}
		throw new IllegalStateException("The embedded job repository " + url + " refuses user '" + current.user()
				+ "' with the password in use (chunking.embedded.password, or the one stored in the data directory), "
				+ "and no earlier login unlocks it. Set chunking.embedded.password (and chunking.embedded.user) to "
				+ "the login it was created with, or move its directory away to start with an empty job repository");
	}

	private static void changeLogin(Connection admin, String url, Login from, Login to) throws SQLException {
		if (!from.name().equals(to.name())) {
			try (PreparedStatement create = admin
				.prepareStatement("CREATE USER IF NOT EXISTS " + to.name() + " PASSWORD ? ADMIN")) {
				create.setString(1, to.password());
				create.executeUpdate();
			}
		}
		try (PreparedStatement alter = admin.prepareStatement("ALTER USER " + to.name() + " SET PASSWORD ?")) {
			alter.setString(1, to.password());
			alter.executeUpdate();
		}
		if (!from.name().equals(to.name())) {
			// A user cannot drop itself: the new admin drops the old one.
			try (Connection connection = to.connect(url); Statement drop = connection.createStatement()) {
				drop.execute("DROP USER " + from.name());
			}
		}
	}

	/** A user and password of the database; the password may be empty (H2's former default). */
	private record Login(String user, String password) {

		Connection connect(String url) throws SQLException {
			return DriverManager.getConnection(url, this.user, this.password);
		}

		/** The user as a quoted H2 identifier; H2 upper-cases user names at login. */
		String name() {
			return "\"" + this.user.toUpperCase(Locale.ROOT).replace("\"", "\"\"") + "\"";
		}

		@Override
		public String toString() {
			return "Login[user=" + this.user + "]";
		}

	}

}
