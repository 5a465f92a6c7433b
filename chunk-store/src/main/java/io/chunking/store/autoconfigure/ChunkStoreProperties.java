package io.chunking.store.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connection settings of the chunk store: S3 for payloads and results, MongoDB for the chunk ledger.
 */
@ConfigurationProperties("chunking.store")
public class ChunkStoreProperties {

	private final S3 s3 = new S3();

	private final Mongo mongo = new Mongo();

	public S3 getS3() {
		return this.s3;
	}

	public Mongo getMongo() {
		return this.mongo;
	}

	public static class S3 {

		/**
		 * S3 endpoint URL. Unset on the master: the embedded S3-compatible server is started and used. Unset on a
		 * worker: the master's embedded server on localhost.
		 */
		private @Nullable URI endpoint;

		/** Signing region. */
		private String region = "us-east-1";

		/** Bucket that holds payloads and results; created at start-up if missing. */
		private String bucket = "chunking";

		/** Whether to put the bucket in the URL path rather than the host name (most S3-compatible servers). */
		private boolean pathStyleAccess = true;

		/** Access key. Unset: the AWS SDK's default credentials chain. */
		private @Nullable String accessKey;

		/** Secret key matching the access key. */
		private @Nullable String secretKey;

		/** Size of the HTTP connection pool. */
		private int maxConnections = 64;

		/** Time limit of one S3 call, retries included. */
		private Duration timeout = Duration.ofSeconds(30);

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

		public String getRegion() {
			return this.region;
		}

		public void setRegion(String region) {
			this.region = region;
		}

		public String getBucket() {
			return this.bucket;
		}

		public void setBucket(String bucket) {
			this.bucket = bucket;
		}

		public boolean isPathStyleAccess() {
			return this.pathStyleAccess;
		}

		public void setPathStyleAccess(boolean pathStyleAccess) {
			this.pathStyleAccess = pathStyleAccess;
		}

		public @Nullable String getAccessKey() {
			return this.accessKey;
		}

		public void setAccessKey(@Nullable String accessKey) {
			this.accessKey = accessKey;
		}

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	public static class Mongo {

		/**
		 * MongoDB connection string. Unset on the master: the embedded Mongo-wire server is started and used. Unset
		 * on a worker: the master's embedded server on localhost.
		 */
		private @Nullable String uri;

		/** Database holding the chunk ledger and the worker registry. */
		private String database = "chunking";

		/** Collection of the chunk ledger. */
		private String chunkCollection = "chunks";

		/** Collection of run records (arguments and slicing state of each job instance). */
		private String runCollection = "runs";

		/** Collection of the worker registry. */
		private String workerCollection = "workers";

		/** Collection of the shared rate limits: the next free permit of each limit. */
		private String rateLimitCollection = "rateLimits";

		public String getRateLimitCollection() {
			return this.rateLimitCollection;
		}

		public void setRateLimitCollection(String rateLimitCollection) {
			this.rateLimitCollection = rateLimitCollection;
		}

		public String getWorkerCollection() {
			return this.workerCollection;
		}

		public void setWorkerCollection(String workerCollection) {
			this.workerCollection = workerCollection;
		}

		public String getRunCollection() {
			return this.runCollection;
		}

		public void setRunCollection(String runCollection) {
			this.runCollection = runCollection;
		}

		public @Nullable String getUri() {
			return this.uri;
		}

		public void setUri(@Nullable String uri) {
			this.uri = uri;
		}

		public String getDatabase() {
			return this.database;
		}

		public void setDatabase(String database) {
			this.database = database;
		}

		public String getChunkCollection() {
			return this.chunkCollection;
		}

		public void setChunkCollection(String chunkCollection) {
			this.chunkCollection = chunkCollection;
		}

	}

}
