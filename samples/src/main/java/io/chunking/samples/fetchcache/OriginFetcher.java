package io.chunking.samples.fetchcache;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches a key's value from the origin and stores it in the cache at once, before the next key: a value is written
 * when it arrives, not at the end of the worker's commit interval, so an attempt that fails later (or a worker that
 * dies) leaves it stored, and the retried attempt, which skips keys no longer in progress, does not fetch it again.
 * <p>
 * {@code GET <origin>/<key>}: a 2xx answer is the value; a 5xx, 408 or 429 answer, a timeout or a broken connection
 * is transient and tried again, {@value #TRIES} times in all with a doubling pause from {@value #FIRST_PAUSE_MILLIS}
 * ms, after which the attempt fails (and the chunk is retried by the framework); any other answer is the key's
 * permanent error, stored with the origin's message. Thread-safe.
 */
final class OriginFetcher implements ItemProcessor<String, Fetched> {

	static final int TRIES = 4;

	static final long FIRST_PAUSE_MILLIS = 50;

	/** The longest origin message kept in an error. */
	static final int MAX_MESSAGE = 500;

	private final CacheEntries cache;

	private final String origin;

	private final Duration timeout;

	private final HttpClient http;

	OriginFetcher(CacheEntries cache, String origin, Duration timeout) {
		this.cache = cache;
		this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	@Override
	public Fetched process(String key) throws Exception {
		if (!this.cache.inProgress(key)) {
			return new Fetched(key, Fetched.CACHED);
		}
		URI uri = URI.create(this.origin + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(this.timeout).GET().build();
		String last = "";
		for (int tried = 1;; tried++) {
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status >= 200 && status < 300) {
					this.cache.done(key, response.body());
					return new Fetched(key, Fetched.FETCHED);
				}
				last = "answered " + status + ": " + message(response.body());
				if (!isTransient(status)) {
					this.cache.failed(key, "The origin " + last);
					return new Fetched(key, Fetched.FAILED);
				}
			}
			catch (IOException ex) {
				last = "failed: " + ex;
			}
			if (tried == TRIES) {
				throw new IllegalStateException("GET " + uri + " " + last + " (" + TRIES
						+ " tries); the key stays in progress and the chunk is retried");
			}
			Thread.sleep(FIRST_PAUSE_MILLIS << (tried - 1));
		}
	}

	private static boolean isTransient(int status) {
		return status >= 500 || status == 408 || status == 429;
	}

	private static String message(String body) {
		String text = body.strip();
		return (text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) + "…" : text;
	}

}
