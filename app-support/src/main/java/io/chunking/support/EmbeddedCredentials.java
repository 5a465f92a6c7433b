package io.chunking.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The one login of the embedded broker, S3 server and H2 job repository. The master keeps the login in use in
 * {@code <chunking.embedded.data-dir>/embedded-credentials.properties}, readable by the owner only, so that workers
 * and other masters started by the same user with the same data directory find it without configuration.
 *
 * @param user user name of the broker and H2, access key of S3
 * @param password password of the broker and H2, secret key of S3
 */
public record EmbeddedCredentials(String user, String password) {

	/** Name of the file in the data directory. */
	public static final String FILE_NAME = "embedded-credentials.properties";

	public EmbeddedCredentials {
		Assert.hasText(user, "user must not be empty");
		Assert.hasText(password, "password must not be empty");
	}

	/** A login for {@code user} with a random password (24 bytes from {@link SecureRandom}, URL-safe Base64). */
	public static EmbeddedCredentials generate(String user) {
		byte[] secret = new byte[24];
		new SecureRandom().nextBytes(secret);
		return new EmbeddedCredentials(user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
	}

	/** The file of the login in a data directory. */
	public static Path file(Path dataDir) {
		return dataDir.resolve(FILE_NAME);
	}

	/** The login stored in the data directory, empty if there is no such file. */
	public static Optional<EmbeddedCredentials> read(Path dataDir) {
		Path file = file(dataDir);
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the embedded servers' credentials from "
					+ file.toAbsolutePath(), ex);
		}
		String user = properties.getProperty("user");
		String password = properties.getProperty("password");
		if (!StringUtils.hasText(user) || !StringUtils.hasText(password)) {
			throw new IllegalStateException(file.toAbsolutePath() + " must have a 'user' and a 'password'; delete it "
					+ "to let the master write it again, or set chunking.embedded.user and chunking.embedded.password");
		}
		return Optional.of(new EmbeddedCredentials(user, password));
	}

	/** Writes this login to the data directory, owner-only, replacing the file atomically. */
	public void write(Path dataDir) {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		properties.setProperty("password", this.password);
		OwnerOnlyFiles.writeProperties(file(dataDir), properties,
				"Login of the chunking master's embedded broker, S3 server and H2 job repository");
	}

	@Override
	public String toString() {
		// Never the password: this may end up in a log line.
		return "EmbeddedCredentials[user=" + this.user + "]";
	}

}
