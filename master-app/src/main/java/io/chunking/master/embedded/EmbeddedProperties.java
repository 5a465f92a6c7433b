package io.chunking.master.embedded;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.chunking.support.EmbeddedDefaults;

/**
 * The embedded default infrastructure: servers the master hosts in-process for each store whose external URL is not
 * configured. Workers reach them through the same host and ports.
 */
@ConfigurationProperties("chunking.embedded")
public class EmbeddedProperties {

	/** Whether to host an embedded server for every store without an external URL. */
	private boolean enabled = true;

	/**
	 * Host the embedded broker, H2 and S3 servers bind to (that address only) and clients connect to. A
	 * non-loopback address opens them, behind their login, to other hosts.
	 */
	private String host = EmbeddedDefaults.HOST;

	/**
	 * Host the embedded Mongo-wire server binds to and clients connect to. It has no authentication, so it defaults
	 * to 'host' when that is a loopback address and to 127.0.0.1 otherwise; setting a reachable address opens the
	 * chunk ledger to anyone who reaches it (the master warns at start-up).
	 */
	private @Nullable String mongoHost;

	/**
	 * Directory of the embedded servers' data (broker journal, H2 database, S3 objects, Mongo store) and of the
	 * stored login and generated API credentials; made owner-only (700) at start-up.
	 */
	private Path dataDir = Path.of(EmbeddedDefaults.DATA_DIR);

	/** TCP port of the embedded Artemis broker. */
	private int brokerPort = EmbeddedDefaults.BROKER_PORT;

	/**
	 * Memory the embedded broker may hold messages in (all addresses together, and each address): beyond it, queued
	 * chunk requests are paged to disk in the broker's data directory, so a queue of 100,000 requests does not
	 * fill the master's heap.
	 */
	private DataSize brokerMemory = DataSize.ofMegabytes(32);

	/** TCP port of the embedded H2 job repository server. */
	private int jdbcPort = EmbeddedDefaults.JDBC_PORT;

	/** HTTP port of the embedded S3-compatible server. */
	private int s3Port = EmbeddedDefaults.S3_PORT;

	/** TCP port of the embedded Mongo-wire server. */
	private int mongoPort = EmbeddedDefaults.MONGO_PORT;

	/** User of the embedded broker and H2 job repository, and access key of the embedded S3 server. */
	private String user = EmbeddedDefaults.USER;

	/**
	 * Password of the embedded broker and H2 job repository, and secret key of the embedded S3 server. Generated on
	 * the first start if not set; the master stores the one in use in 'embedded-credentials.properties' in the data
	 * directory (owner-only), where workers and other masters with the same data directory find it.
	 */
	private @Nullable String password;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	/** The configured Mongo host, or its default for {@link #getHost()}. */
	public String getMongoHost() {
		return (this.mongoHost != null) ? this.mongoHost : EmbeddedDefaults.mongoHost(this.host);
	}

	public void setMongoHost(@Nullable String mongoHost) {
		this.mongoHost = mongoHost;
	}

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public int getBrokerPort() {
		return this.brokerPort;
	}

	public void setBrokerPort(int brokerPort) {
		this.brokerPort = brokerPort;
	}

	public DataSize getBrokerMemory() {
		return this.brokerMemory;
	}

	public void setBrokerMemory(DataSize brokerMemory) {
		this.brokerMemory = brokerMemory;
	}

	public int getJdbcPort() {
		return this.jdbcPort;
	}

	public void setJdbcPort(int jdbcPort) {
		this.jdbcPort = jdbcPort;
	}

	public int getS3Port() {
		return this.s3Port;
	}

	public void setS3Port(int s3Port) {
		this.s3Port = s3Port;
	}

	public int getMongoPort() {
		return this.mongoPort;
	}

	public void setMongoPort(int mongoPort) {
		this.mongoPort = mongoPort;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

}
