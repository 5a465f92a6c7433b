package io.chunking.samples.orders;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the orders samples keep their data: a bucket of the framework's S3 store, a database of its MongoDB server,
 * and a JDBC database of your choice (PostgreSQL or H2; no default: the two jobs that use it fail while slicing, or
 * their attempts fail, saying it is not set); and the SMTP server and pace of the newsletter sample.
 */
@ConfigurationProperties("chunking.samples")
public class SamplesProperties {

	/** Bucket of the orders samples' inputs and outputs, in the framework's S3 store; it must exist. */
	private String bucket = "samples";

	/** MongoDB database of the orders samples' collections, on the framework's MongoDB server. */
	private String mongoDatabase = "samples";

	private final Jdbc jdbc = new Jdbc();

	private final FetchCache fetchCache = new FetchCache();

	private final Newsletter newsletter = new Newsletter();

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

	public Newsletter getNewsletter() {
		return this.newsletter;
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

	/** The SMTP server, schedule zone and pace of the newsletter sample. */
	public static class Newsletter {

		/** Host of the SMTP server the newsletter is sent through. */
		private String smtpHost = "127.0.0.1";

		/** Port of the SMTP server. */
		private int smtpPort = 2525;

		/** Sender address of the newsletter. */
		private String from = "newsletter@chunking.io";

		/** Connect, read and write timeout of each SMTP connection. */
		private Duration smtpTimeout = Duration.ofSeconds(10);

		/** Time zone of the daily 10:00 schedule, and so of the issue date. */
		private String zone = "Europe/Paris";

		/** Mails per second at most, all workers together (the shared rate limit newsletter-smtp). */
		private int ratePerSecond = 20;

		/** Mails sent at once per chunk attempt. */
		private int concurrency = 4;

		public String getSmtpHost() {
			return this.smtpHost;
		}

		public void setSmtpHost(String smtpHost) {
			this.smtpHost = smtpHost;
		}

		public int getSmtpPort() {
			return this.smtpPort;
		}

		public void setSmtpPort(int smtpPort) {
			this.smtpPort = smtpPort;
		}

		public String getFrom() {
			return this.from;
		}

		public void setFrom(String from) {
			this.from = from;
		}

		public Duration getSmtpTimeout() {
			return this.smtpTimeout;
		}

		public void setSmtpTimeout(Duration smtpTimeout) {
			this.smtpTimeout = smtpTimeout;
		}

		public String getZone() {
			return this.zone;
		}

		public void setZone(String zone) {
			this.zone = zone;
		}

		public int getRatePerSecond() {
			return this.ratePerSecond;
		}

		public void setRatePerSecond(int ratePerSecond) {
			this.ratePerSecond = ratePerSecond;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

	}

}
