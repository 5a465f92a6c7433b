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

	private final S3Proxy s3Proxy;

	private final MongoServer mongoServer;

	private final H2Backend mongoBackend;

	private final URI s3Endpoint;

	private final String mongoUri;

	public StoreServers(Path dataDir) throws Exception {
		Path blobs = Files.createDirectories(dataDir.resolve("s3"));
		Properties properties = new Properties();
		properties.setProperty("jclouds.filesystem.basedir", blobs.toString());
		this.s3Proxy = S3Proxy.builder()
			.blobStore(BlobStores.create("filesystem", properties))
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
			.build();
		this.s3Proxy.start();
		this.s3Endpoint = URI.create("http://127.0.0.1:" + this.s3Proxy.getPort());
		this.mongoBackend = new H2Backend(dataDir.resolve("mongo.mv").toString());
		this.mongoServer = new MongoServer(this.mongoBackend);
		this.mongoServer.bind(new InetSocketAddress("127.0.0.1", 0));
		this.mongoUri = "mongodb://127.0.0.1:" + this.mongoServer.getLocalAddress().getPort();
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
