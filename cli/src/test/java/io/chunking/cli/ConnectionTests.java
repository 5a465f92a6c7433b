package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTests {

	@TempDir
	Path dir;

	@Test
	void defaultsToLocalhostWithoutCredentials() {
		Connection connection = Connection.resolve(CliArguments.parse("jobs"), Map.of(), this.dir);
		assertThat(connection).isEqualTo(new Connection("http://localhost:8080", null, null));
	}

	@Test
	void readsTheMastersCredentialsFileFromTheWorkingDirectory() throws Exception {
		writeCredentials(this.dir.resolve("chunking-data/credentials.properties"));
		Connection connection = Connection.resolve(CliArguments.parse("jobs"), Map.of(), this.dir);
		assertThat(connection).isEqualTo(new Connection("http://127.0.0.1:9999", "admin", "s3cret"));
	}

	@Test
	void theEnvironmentIsUsedWithoutACredentialsFile() {
		Map<String, String> environment = Map.of("CHUNKING_URL", "http://env:1/", "CHUNKING_USER", "env-user",
				"CHUNKING_PASSWORD", "env-secret");
		Connection connection = Connection.resolve(CliArguments.parse("jobs"), environment, this.dir);
		assertThat(connection).isEqualTo(new Connection("http://env:1", "env-user", "env-secret"));
	}

	@Test
	void optionsWinOverTheFileWhichWinsOverTheEnvironment() throws Exception {
		Path file = this.dir.resolve("creds.properties");
		writeCredentials(file);
		Map<String, String> environment = Map.of("CHUNKING_CREDENTIALS", file.toString(), "CHUNKING_USER", "env-user",
				"CHUNKING_URL", "http://env:1/", "CHUNKING_PASSWORD", "env-secret");
		Connection connection = Connection.resolve(CliArguments.parse("jobs", "--password", "opt"), environment,
				this.dir);
		assertThat(connection).isEqualTo(new Connection("http://127.0.0.1:9999", "admin", "opt"));
		assertThat(connection.toString()).doesNotContain("opt");
	}

	@Test
	void theCredentialsOptionWinsOverTheEnvironmentsFile() throws Exception {
		Path asked = this.dir.resolve("asked.properties");
		Files.writeString(asked, "user=asked\npassword=p\n");
		writeCredentials(this.dir.resolve("env.properties"));
		Connection connection = Connection.resolve(CliArguments.parse("jobs", "--credentials", "asked.properties"),
				Map.of("CHUNKING_CREDENTIALS", "env.properties"), this.dir);
		assertThat(connection).isEqualTo(new Connection("http://localhost:8080", "asked", "p"));
	}

	@Test
	void theFileFoundInTheWorkingDirectoryIsNotSentToAnotherMaster() throws Exception {
		writeCredentials(this.dir.resolve("chunking-data/credentials.properties"));
		Connection other = Connection.resolve(CliArguments.parse("jobs", "--url", "http://prod:8080"),
				Map.of("CHUNKING_USER", "env-user", "CHUNKING_PASSWORD", "env-secret"), this.dir);
		assertThat(other).isEqualTo(new Connection("http://prod:8080", "env-user", "env-secret"));
		Connection same = Connection.resolve(CliArguments.parse("jobs", "--url", "http://127.0.0.1:9999/"), Map.of(),
				this.dir);
		assertThat(same).isEqualTo(new Connection("http://127.0.0.1:9999", "admin", "s3cret"));
	}

	@Test
	void aFileAskedForIsUsedWithAnyUrl() throws Exception {
		Path file = this.dir.resolve("creds.properties");
		writeCredentials(file);
		Connection connection = Connection.resolve(
				CliArguments.parse("jobs", "--url", "http://tunnel:80", "--credentials", file.toString()), Map.of(),
				this.dir);
		assertThat(connection).isEqualTo(new Connection("http://tunnel:80", "admin", "s3cret"));
	}

	@Test
	void aUrlThatIsNotHttpWithAHostIsABadCommandLine() {
		for (String bad : new String[] { "localhost:8080", "ftp://host", "http://", "http://a b" }) {
			assertThatExceptionOfType(UsageException.class)
				.isThrownBy(() -> Connection.resolve(CliArguments.parse("jobs", "--url", bad), Map.of(), this.dir))
				.withMessageStartingWith("The master's URL must be http:// or https:// with a host, such as "
						+ "http://localhost:8080, was '" + bad + "'");
		}
	}

	@Test
	void aCredentialsFileThatWasAskedForMustExist() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Connection.resolve(CliArguments.parse("jobs", "--credentials", "missing.properties"),
					Map.of(), this.dir))
			.withMessageContaining("Cannot read the credentials file").withMessageContaining("missing.properties");
	}

	private static void writeCredentials(Path file) throws Exception {
		Files.createDirectories(file.getParent());
		Files.writeString(file, "url=http\\://127.0.0.1\\:9999\nuser=admin\npassword=s3cret\n");
	}

}
