package io.chunking.samples.fetchcache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Answers {@code GET /data/{key}}: 200 with the value when it is cached; 502 with the origin's error when the key's
 * fetch failed for good; otherwise 202 with {@code Retry-After}, after putting the key into the open batch (the
 * request that creates its entry) or finding it in one already ("joined"). 400 for a key that is not valid. Final
 * answers are kept in memory (up to {@value #MAX_FINISHED} keys), so that only keys in progress read MongoDB.
 */
final class DataHandler implements HttpHandler {

	static final String PATH = "/data/";

	/** Longest key. */
	static final int MAX_KEY = 200;

	/** Most final answers kept in memory (least recently asked dropped first). */
	static final int MAX_FINISHED = 100_000;

	private static final Log logger = LogFactory.getLog(DataHandler.class);

	private final CacheEntries cache;

	private final Batcher batcher;

	private final Duration staleAfter;

	private final int retryAfterSeconds;

	/** Final answers (a value or a permanent error never changes), so that only keys in progress read MongoDB. */
	private final Map<String, Document> finished = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
			return size() > MAX_FINISHED;
		}

	});

	DataHandler(CacheEntries cache, Batcher batcher, Duration staleAfter, int retryAfterSeconds) {
		this.cache = cache;
		this.batcher = batcher;
		this.staleAfter = staleAfter;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "GET");
				send(exchange, 405, "text/plain", "Only GET " + PATH + "{key}");
				return;
			}
			String key = exchange.getRequestURI().getRawPath().substring(PATH.length());
			String problem = problem(key);
			if (problem != null) {
				send(exchange, 400, "text/plain", problem);
				return;
			}
			answer(exchange, key);
		}
		catch (RuntimeException ex) {
			logger.error("GET " + exchange.getRequestURI() + " failed", ex);
			send(exchange, 500, "text/plain", "The cache could not answer: " + ex.getMessage());
		}
	}

	private void answer(HttpExchange exchange, String key) throws IOException {
		// A request that loses the race to create (or reclaim) the entry reads it again: at most twice.
		for (int read = 0; read < 3; read++) {
			Document entry = this.finished.get(key);
			if (entry == null) {
				entry = this.cache.find(key);
			}
			String status = (entry != null) ? entry.getString(CacheEntries.STATUS) : null;
			if (CacheEntries.DONE.equals(status) || CacheEntries.FAILED.equals(status)) {
				this.finished.put(key, entry);
			}
			if (CacheEntries.DONE.equals(status)) {
				send(exchange, 200, "text/plain; charset=utf-8", entry.getString(CacheEntries.VALUE));
				return;
			}
			if (CacheEntries.FAILED.equals(status)) {
				send(exchange, 502, "text/plain; charset=utf-8", entry.getString(CacheEntries.ERROR));
				return;
			}
			Batcher.StaleEntry stale = (entry != null) ? stale(entry) : null;
			if (entry != null && stale == null) {
				accepted(exchange, key, entry.getString(CacheEntries.BATCH), true);
				return;
			}
			String batch = this.batcher.add(key, stale);
			if (batch != null) {
				accepted(exchange, key, batch, false);
				return;
			}
		}
		send(exchange, 503, "text/plain", "The entry of " + key + " kept changing; try again");
	}

	private Batcher.@Nullable StaleEntry stale(Document entry) {
		Date since = entry.getDate(CacheEntries.SINCE);
		if (since == null || since.toInstant().plus(this.staleAfter).isAfter(java.time.Instant.now())) {
			return null;
		}
		return new Batcher.StaleEntry(entry.getString(CacheEntries.BATCH), since);
	}

	private void accepted(HttpExchange exchange, String key, String batch, boolean joined) throws IOException {
		exchange.getResponseHeaders().set("Retry-After", Integer.toString(this.retryAfterSeconds));
		send(exchange, 202, "application/json", "{\"key\":\"" + key + "\",\"status\":\"" + CacheEntries.IN_PROGRESS
				+ "\",\"batch\":\"" + batch + "\",\"joined\":" + joined + "}");
	}

	/** What is wrong with a key, or {@code null} if it is valid. */
	static @Nullable String problem(String key) {
		if (key.isEmpty()) {
			return "The key is missing: GET " + PATH + "{key}";
		}
		if (key.length() > MAX_KEY) {
			return "The key is " + key.length() + " characters long; at most " + MAX_KEY + " are allowed";
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
					|| c == ':' || c == '-')) {
				return "The key has '" + c + "' at position " + (i + 1)
						+ "; a key holds only letters, digits, '.', '_', ':' and '-' (URL-encoded text is not decoded)";
			}
		}
		return null;
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
