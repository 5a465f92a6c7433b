package io.chunking.samples.fetchcache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Triggers the {@value FetchCacheJob#NAME} job for a batch through the master's REST API
 * ({@code POST /api/jobs/fetch-cache/executions}, basic auth). A refused connection, a timeout or a 5xx answer is
 * tried again, {@value #TRIES} times in all with a doubling pause from {@value #FIRST_PAUSE_MILLIS} ms; a 4xx answer
 * (bad parameters, bad credentials) is a rejection, not tried again. Thread-safe.
 */
final class JobTrigger {

	static final int TRIES = 5;

	static final long FIRST_PAUSE_MILLIS = 200;

	private static final Pattern EXECUTION_ID = Pattern.compile("\"executionId\"\\s*:\\s*(\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI executions;

	private final String authorization;

	private final Map<String, String> parameters;

	/**
	 * @param master base URL of the master, e.g. {@code http://127.0.0.1:8080}
	 * @param user an API user allowed to trigger jobs
	 * @param password its password
	 * @param parameters parameters given to every execution besides {@value FetchCacheJob#BATCH}
	 */
	JobTrigger(URI master, String user, String password, Map<String, String> parameters) {
		this.executions = master.resolve("/api/jobs/" + FetchCacheJob.NAME + "/executions");
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		this.parameters = Map.copyOf(parameters);
	}

	/**
	 * Triggers the job for one batch.
	 * @return the id of the execution
	 * @throws Rejected if the master rejected the trigger (4xx) or could not be reached in {@value #TRIES} tries
	 */
	long trigger(String batch) throws Rejected, InterruptedException {
		Map<String, String> parameters = new LinkedHashMap<>(this.parameters);
		parameters.put(FetchCacheJob.BATCH, batch);
		HttpRequest request = HttpRequest.newBuilder(this.executions)
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"parameters\":" + json(parameters) + "}"))
			.build();
		String last = "";
		for (int tried = 1;; tried++) {
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				Matcher id = EXECUTION_ID.matcher(response.body());
				if (response.statusCode() / 100 == 2 && id.find()) {
					return Long.parseLong(id.group(1));
				}
				last = "answered " + response.statusCode() + ": " + response.body();
				if (response.statusCode() / 100 == 4) {
					throw new Rejected("The master rejected the trigger of batch " + batch + ": " + last);
				}
			}
			catch (IOException ex) {
				last = "failed: " + ex;
			}
			if (tried == TRIES) {
				throw new Rejected("Triggering batch " + batch + " at " + this.executions + " " + last + " (" + TRIES
						+ " tries); its keys join a new batch when requested again after the web app's --stale-after");
			}
			Thread.sleep(FIRST_PAUSE_MILLIS << (tried - 1));
		}
	}

	private static String json(Map<String, String> values) {
		StringBuilder json = new StringBuilder("{");
		values.forEach((name, value) -> json.append((json.length() > 1) ? "," : "")
			.append(quote(name))
			.append(':')
			.append(quote(value)));
		return json.append('}').toString();
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	/** A trigger the master rejected, or could not be sent. */
	static final class Rejected extends Exception {

		Rejected(String message) {
			super(message);
		}

	}

}
