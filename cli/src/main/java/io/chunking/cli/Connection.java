package io.chunking.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the master is and who to be. Explicit options win, then the environment ({@code CHUNKING_URL},
 * {@code CHUNKING_USER}, {@code CHUNKING_PASSWORD}), then the credentials file the master writes when it generates
 * a password ({@code --credentials}, {@code CHUNKING_CREDENTIALS}, or {@code chunking-data/credentials.properties}
 * in the current directory), then {@code http://localhost:8080} without credentials.
 *
 * @param url base URL of the master
 * @param user user name, {@code null} for none
 * @param password password, {@code null} for none
 */
record Connection(String url, String user, String password) {

	static final String DEFAULT_URL = "http://localhost:8080";

	static final Path DEFAULT_CREDENTIALS = Path.of("chunking-data", "credentials.properties");

	static Connection resolve(CliArguments arguments, Map<String, String> environment, Path workingDirectory) {
		Properties file = credentials(arguments, environment, workingDirectory);
		String url = first(arguments.option("url"), environment.get("CHUNKING_URL"), file.getProperty("url"),
				DEFAULT_URL);
		String user = first(arguments.option("user"), environment.get("CHUNKING_USER"), file.getProperty("user"),
				null);
		String password = first(arguments.option("password"), environment.get("CHUNKING_PASSWORD"),
				file.getProperty("password"), null);
		return new Connection(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, user, password);
	}

	private static Properties credentials(CliArguments arguments, Map<String, String> environment,
			Path workingDirectory) {
		String given = first(arguments.option("credentials"), environment.get("CHUNKING_CREDENTIALS"), null, null);
		Path path = (given != null) ? workingDirectory.resolve(given) : workingDirectory.resolve(DEFAULT_CREDENTIALS);
		Properties properties = new Properties();
		if (given == null && !Files.isRegularFile(path)) {
			return properties;
		}
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UsageException("Cannot read the credentials file " + path + ": " + ex.getMessage());
		}
		return properties;
	}

	private static String first(String a, String b, String c, String fallback) {
		for (String candidate : new String[] { a, b, c }) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate;
			}
		}
		return fallback;
	}

	@Override
	public String toString() {
		// Never the password.
		return "Connection[url=" + this.url + ", user=" + this.user + "]";
	}

}
