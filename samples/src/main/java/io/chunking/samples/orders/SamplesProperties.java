package io.chunking.samples.orders;

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

}
