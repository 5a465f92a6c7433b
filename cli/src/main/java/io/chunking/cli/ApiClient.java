package io.chunking.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the master's REST API with HTTP Basic credentials and turns error answers into {@link ApiException}s
 * carrying the master's own message.
 */
class ApiClient {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final Connection connection;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

	private final JsonMapper json;

	ApiClient(Connection connection, JsonMapper json) {
		this.connection = connection;
		this.json = json;
	}

	JsonNode get(String path, Map<String, @Nullable String> query) {
		StringBuilder uri = new StringBuilder(path);
		char separator = '?';
		for (Map.Entry<String, String> parameter : query.entrySet()) {
			if (parameter.getValue() != null) {
				uri.append(separator)
					.append(parameter.getKey())
					.append('=')
					.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		return send(request(uri.toString()).GET());
	}

	JsonNode get(String path) {
		return get(path, Map.of());
	}

	JsonNode post(String path, @Nullable Object body) {
		String text = (body != null) ? this.json.writeValueAsString(body) : "";
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	/** A name as one segment of a path: {@code a/b c} is {@code a%2Fb%20c}. */
	static String segment(String name) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** A trigger's body: {@code {"parameters": {...}}}. */
	static Map<String, Object> triggerBody(Map<String, String> parameters) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("parameters", parameters);
		return body;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.connection.url() + path))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json");
		if (this.connection.user() != null) {
			String token = this.connection.user() + ":"
					+ ((this.connection.password() != null) ? this.connection.password() : "");
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	private JsonNode send(HttpRequest.Builder request) {
		HttpRequest built = request.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException ex) {
			throw new ApiException(0, "Cannot reach the master at " + this.connection.url() + " ("
					+ (unresolved(ex) ? "unknown host" : "connection refused")
					+ "); is it running? Give --url or CHUNKING_URL");
		}
		catch (HttpTimeoutException ex) {
			throw new ApiException(0, "The master at " + this.connection.url() + " did not answer "
					+ built.method() + " " + built.uri().getPath() + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
		}
		catch (IOException ex) {
			throw new ApiException(0, "Cannot reach the master at " + this.connection.url() + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(0, "Interrupted");
		}
		JsonNode body = parse(response.body());
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return body;
		}
		throw new ApiException(status, describe(status, body, built));
	}

	private static boolean unresolved(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnresolvedAddressException) {
				return true;
			}
		}
		return false;
	}

	private String describe(int status, JsonNode body, HttpRequest request) {
		if (status == 401) {
			return "Authentication failed" + ((this.connection.user() != null)
					? " for user '" + this.connection.user() + "'" : " (no credentials given)")
					+ ": give --user/--password, or --credentials with the master's credentials file";
		}
		if (status == 403) {
			return "User '" + this.connection.user() + "' may not " + request.method() + " "
					+ request.uri().getPath() + ": this needs the OPERATOR role";
		}
		String message = (body != null && body.hasNonNull("message")) ? body.get("message").asString() : null;
		return (message != null) ? message : "The master answered " + status + " to " + request.method() + " "
				+ request.uri().getPath();
	}

	private JsonNode parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return this.json.createObjectNode();
		}
		try {
			return this.json.readTree(text);
		}
		catch (RuntimeException ex) {
			return this.json.createObjectNode();
		}
	}

}
