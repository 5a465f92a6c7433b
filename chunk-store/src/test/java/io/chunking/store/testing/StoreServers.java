package io.chunking.store.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.chunking.store.s3.S3ClientFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A filesystem-backed S3-compatible server (s3proxy) and an on-disk Mongo-wire server (mongo-java-server with its
 * H2 backend), started in this JVM on free localhost ports for tests; clients reach them over sockets.
 */
public final class StoreServers implements AutoCloseable {

	public static final String ACCESS_KEY = "test-access";

	public static final String SECRET_KEY = "test-secret";

	private final Path dataDir;

	private S3Proxy s3Proxy;

	private MongoServer mongoServer;

	private H2Backend mongoBackend;

	private final URI s3Endpoint;

	private final String mongoUri;

	private final int mongoPort;

	public StoreServers(Path dataDir) throws Exception {
		this.dataDir = dataDir;
		this.s3Proxy = startS3(0);
		this.s3Endpoint = URI.create("http://127.0.0.1:" + this.s3Proxy.getPort());
		startMongo(0);
		this.mongoPort = this.mongoServer.getLocalAddress().getPort();
		this.mongoUri = "mongodb://127.0.0.1:" + this.mongoPort;
	}

	private S3Proxy startS3(int port) throws Exception {
		Path blobs = Files.createDirectories(this.dataDir.resolve("s3"));
		Properties properties = new Properties();
		properties.setProperty("jclouds.filesystem.basedir", blobs.toString());
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(BlobStores.create("filesystem", properties))
			.endpoint(URI.create("http://127.0.0.1:" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
			.build();
		proxy.start();
		return proxy;
	}

	private void startMongo(int port) {
		this.mongoBackend = new H2Backend(this.dataDir.resolve("mongo.mv").toString());
		this.mongoServer = new MongoServer(this.mongoBackend);
		this.mongoServer.bind(new InetSocketAddress("127.0.0.1", port));
	}

	/** Stops the Mongo-wire server, keeping its data file, as an outage would. */
	public void stopMongo() {
		this.mongoServer.shutdownNow();
		this.mongoBackend.close();
	}

	/** Starts the Mongo-wire server again on the same port and data. */
	public void restartMongo() {
		startMongo(this.mongoPort);
	}

	/** Stops the S3-compatible server, keeping its files. */
	public void stopS3() throws Exception {
		this.s3Proxy.stop();
	}

	/** Starts the S3-compatible server again on the same port and files. */
	public void restartS3() throws Exception {
		this.s3Proxy = startS3(this.s3Endpoint.getPort());
	}

	public URI s3Endpoint() {
		return this.s3Endpoint;
	}

	public String mongoUri() {
		return this.mongoUri;
	}

	public S3Client s3Client() {
		return S3ClientFactory.create(this.s3Endpoint, "us-east-1", true, ACCESS_KEY, SECRET_KEY, 8,
				Duration.ofSeconds(30));
	}

	public MongoClient mongoClient() {
		return MongoClients.create(this.mongoUri);
	}

	@Override
	public void close() throws Exception {
		this.mongoServer.shutdownNow();
		this.mongoBackend.close();
		this.s3Proxy.stop();
	}

}
