package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;

import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import io.chunking.support.EmbeddedCredentials;

/**
 * The embedded servers as an outsider on this machine meets them, over sockets: every one that can require a
 * login requires the embedded login, the H2 server creates no database, each listens on its configured host only,
 * and the data directory is the owner's alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedInfrastructureSecurityIntegrationTests {

	private static final String HOST = "127.0.0.1";

	private static final String PASSWORD = "first-secret";

	@TempDir
	Path dataDir;

	private EmbeddedInfrastructure infrastructure;

	private EmbeddedProperties properties;

	/**
	 * H2 reads its bind address once per JVM, at its first use: start the servers once before any test touches H2
	 * in-process (the test creating a database of the former default login does).
	 */
	@BeforeAll
	static void firstUseOfH2IsTheEmbeddedServer(@TempDir Path dir) throws Exception {
		start(properties(dir, PASSWORD)).close();
	}

	@AfterEach
	void stop() {
		if (this.infrastructure != null) {
			this.infrastructure.close();
		}
	}

	@Test
	void theJobRepositoryRefusesTheFormerDefaultLoginAndAWrongPassword() throws Exception {
		startInfrastructure(PASSWORD);

		assertRefused(jdbcUrl("chunking"), "sa", "");
		assertRefused(jdbcUrl("chunking"), "chunking", "wrong-secret");
		assertRefused(jdbcUrl("chunking"), "chunking", "");
	}

	@Test
	void theJobRepositoryAnswersTheEmbeddedLogin() throws Exception {
		startInfrastructure(PASSWORD);

		assertThat(selectOne(jdbcUrl("chunking"), "chunking", PASSWORD)).isEqualTo(1);
	}

	@Test
	void theJobRepositoryServerCreatesNoDatabaseEvenForTheEmbeddedLogin() throws Exception {
		startInfrastructure(PASSWORD);

		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(jdbcUrl("created-by-a-client"), "chunking", PASSWORD).close())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.REMOTE_DATABASE_NOT_FOUND_1));
		try (var files = Files.list(this.dataDir.resolve("h2"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).noneMatch((name) -> name.startsWith("created"));
		}
	}

	@Test
	void everyServerListensOnTheConfiguredHostOnly() throws Exception {
		InetAddress other = nonLoopbackAddress();
		startInfrastructure(PASSWORD);

		Map<String, Integer> ports = Map.of("H2", this.properties.getJdbcPort(), "Artemis",
				this.properties.getBrokerPort(), "S3", this.properties.getS3Port(), "Mongo-wire",
				this.properties.getMongoPort());
		ports.forEach((server, port) -> {
			assertThat(connects(new InetSocketAddress(HOST, port))).as("%s on %s:%d", server, HOST, port).isTrue();
			assertThat(connects(new InetSocketAddress(other, port)))
				.as("%s on this machine's other address %s:%d", server, other.getHostAddress(), port)
				.isFalse();
		});
	}

	@Test
	void theDataDirectoryAndTheFilesOfTheJobRepositoryLedgerAndLoginAreOwnerOnly() throws Exception {
		Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
				"POSIX permissions are not supported by this file system");
		// As a data directory made with a umask of 022 is.
		Files.setPosixFilePermissions(this.dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		startInfrastructure(PASSWORD);

		for (Path dir : new Path[] { this.dataDir, this.dataDir.resolve("h2"), this.dataDir.resolve("mongo"),
				this.dataDir.resolve("s3"), this.dataDir.resolve("artemis") }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("%s", dir)
				.isEqualTo("rwx------");
		}
		for (Path file : new Path[] { this.dataDir.resolve("h2/chunking.mv.db"), this.dataDir.resolve("mongo/chunking.mv"),
				this.dataDir.resolve("embedded-credentials.properties") }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file)
				.isEqualTo("rw-------");
		}
	}

	@Test
	void theLoginInUseIsStoredInTheDataDirectoryForWorkersOfThisHost() throws Exception {
		startInfrastructure(PASSWORD);

		assertThat(EmbeddedCredentials.read(this.dataDir)).contains(new EmbeddedCredentials("chunking", PASSWORD));
	}

	@Test
	void aNewPasswordOpensTheJobRepositoryAndTheFormerOneNoLonger() throws Exception {
		startInfrastructure(PASSWORD);
		this.infrastructure.close();

		startInfrastructure("second-secret");

		assertThat(selectOne(jdbcUrl("chunking"), "chunking", "second-secret")).isEqualTo(1);
		assertRefused(jdbcUrl("chunking"), "chunking", PASSWORD);
		assertThat(EmbeddedCredentials.read(this.dataDir)).contains(new EmbeddedCredentials("chunking", "second-secret"));
	}

	@Test
	void aJobRepositoryCreatedWithTheFormerDefaultLoginTakesTheEmbeddedLogin() throws Exception {
		Path h2 = Files.createDirectories(this.dataDir.resolve("h2"));
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + h2.resolve("chunking"), "sa", "")) {
			connection.createStatement().execute("CREATE TABLE KEPT(ID INT)");
		}

		startInfrastructure(PASSWORD);

		assertRefused(jdbcUrl("chunking"), "sa", "");
		try (Connection connection = DriverManager.getConnection(jdbcUrl("chunking"), "chunking", PASSWORD);
				ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM KEPT")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getInt(1)).as("rows of the table created before").isZero();
		}
	}

	@Test
	void theMongoWireServerStaysOnLoopbackWhenTheOtherServersAreOpened(CapturedOutput output) throws Exception {
		InetAddress other = nonLoopbackAddress();
		EmbeddedProperties mongo = properties(this.dataDir, PASSWORD);
		mongo.setHost(other.getHostAddress());
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(mongo)) {
			assertThat(connects(new InetSocketAddress(HOST, mongo.getMongoPort()))).isTrue();
			assertThat(connects(new InetSocketAddress(other, mongo.getMongoPort()))).isFalse();
		}
		assertThat(output).doesNotContain("Mongo-wire server has no authentication");
	}

	@Test
	void theMongoWireServerOpenedBeyondLoopbackWarnsAtStartUp(CapturedOutput output) throws Exception {
		InetAddress other = nonLoopbackAddress();
		EmbeddedProperties mongo = properties(this.dataDir, PASSWORD);
		mongo.setMongoHost(other.getHostAddress());
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(mongo)) {
			assertThat(connects(new InetSocketAddress(other, mongo.getMongoPort()))).isTrue();
		}
		assertThat(output).contains("The embedded Mongo-wire server has no authentication and listens on /"
				+ other.getHostAddress() + ":" + mongo.getMongoPort());
	}

	private void startInfrastructure(String password) throws Exception {
		EmbeddedProperties started = properties(this.dataDir, password);
		if (this.properties != null) {
			started.setJdbcPort(this.properties.getJdbcPort());
		}
		this.properties = started;
		this.infrastructure = start(started);
	}

	private static EmbeddedInfrastructure start(EmbeddedProperties properties) throws Exception {
		MockEnvironment environment = new MockEnvironment();
		for (String server : new String[] { "jdbc", "mongo", "s3", "broker" }) {
			environment.setProperty("chunking.embedded." + server + ".active", "true");
		}
		return new EmbeddedInfrastructure(properties, environment);
	}

	private static EmbeddedProperties properties(Path dataDir, String password) throws IOException {
		EmbeddedProperties properties = new EmbeddedProperties();
		properties.setHost(HOST);
		properties.setDataDir(dataDir);
		properties.setPassword(password);
		properties.setJdbcPort(freePort());
		properties.setBrokerPort(freePort());
		properties.setS3Port(freePort());
		properties.setMongoPort(freePort());
		return properties;
	}

	private String jdbcUrl(String database) {
		return "jdbc:h2:tcp://" + HOST + ":" + this.properties.getJdbcPort() + "/" + database;
	}

	private static int selectOne(String url, String user, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static void assertRefused(String url, String user, String password) {
		assertThatExceptionOfType(SQLException.class).as("login of '%s' with password '%s'", user, password)
			.isThrownBy(() -> DriverManager.getConnection(url, user, password).close())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
	}

	private static boolean connects(InetSocketAddress address) {
		try (Socket socket = new Socket()) {
			socket.connect(address, 2000);
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Connecting to " + address + " neither succeeded nor was refused", ex);
		}
	}

	/** An IPv4 address of this machine outside loopback; the test is skipped, saying why, if there is none. */
	private static InetAddress nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
					return address;
				}
			}
		}
		Assumptions.abort("This machine has no IPv4 address besides loopback to show that a server does not listen on it");
		return null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

}
