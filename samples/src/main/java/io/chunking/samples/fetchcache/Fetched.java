package io.chunking.samples.fetchcache;

/**
 * What the fetch job did with one key.
 *
 * @param key the key
 * @param outcome {@code fetched} (value stored), {@code failed} (permanent error stored) or {@code cached} (stored
 * already, by an earlier attempt or execution: not fetched again)
 */
public record Fetched(String key, String outcome) {

	public static final String FETCHED = "fetched";

	public static final String FAILED = "failed";

	public static final String CACHED = "cached";

}
