package io.chunking.samples.orders;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the orders samples keep their data: a bucket of the framework's S3 store, a database of its MongoDB server,
 * and a JDBC database of your choice (PostgreSQL or H2; no default: the two jobs that use it fail while slicing, or
 * their attempts fail, saying it is not set).
 */
@ConfigurationProperties("chunking.samples")
public class SamplesProperties {

	/** Bucket of the orders samples' inputs and outputs, in the framework's S3 store; it must exist. */
	private String bucket = "samples";

	/** MongoDB database of the orders samples' collections, on the framework's MongoDB server. */
	private String mongoDatabase = "samples";

	private final Jdbc jdbc = new Jdbc();

	private final FetchCache fetchCache = new FetchCache();

	public String getBucket() {
		return this.bucket;
	}

	public void setBucket(String bucket) {
		this.bucket = bucket;
	}

	public String getMongoDatabase() {
		return this.mongoDatabase;
	}

	public void setMongoDatabase(String mongoDatabase) {
		this.mongoDatabase = mongoDatabase;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public FetchCache getFetchCache() {
		return this.fetchCache;
	}

	/** The database of the orders-mongo sink and the orders-jdbc source. */
	public static class Jdbc {

		/** JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/test; the tables must exist. */
		private @Nullable String url;

		/** User name. */
		private @Nullable String username;

		/** Password. */
		private @Nullable String password;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/** The origin the fetch-cache sample job fetches values from (its cache is in {@code mongo-database}). */
	public static class FetchCache {

		/** Base URL of the origin: a key's value is at {@code <origin>/<key>}. */
		private String origin = "http://127.0.0.1:8089/values";

		/** Requests per second to the origin, shared by every worker (a rate limit named after its host). */
		private int requestsPerSecond = 2000;

		/** How long one request to the origin may take before it counts as a transient failure. */
		private Duration timeout = Duration.ofSeconds(5);

		public String getOrigin() {
			return this.origin;
		}

		public void setOrigin(String origin) {
			this.origin = origin;
		}

		public int getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(int requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
