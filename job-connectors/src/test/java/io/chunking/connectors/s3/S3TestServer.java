package io.chunking.connectors.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A filesystem-backed S3-compatible server (s3proxy, AWS V4 signatures) on a free localhost port of this JVM, and
 * clients that reach it over a socket as an application would.
 */
final class S3TestServer implements AutoCloseable {

	static final String ACCESS_KEY = "connectors-access";

	static final String SECRET_KEY = "connectors-secret";

	private final S3Proxy proxy;

	private final URI endpoint;

	private final S3Client client;

	S3TestServer(Path dataDir) throws Exception {
		Properties properties = new Properties();
		properties.setProperty("jclouds.filesystem.basedir", Files.createDirectories(dataDir).toString());
		this.proxy = S3Proxy.builder()
			.blobStore(BlobStores.create("filesystem", properties))
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
			.build();
		this.proxy.start();
		this.endpoint = URI.create("http://127.0.0.1:" + this.proxy.getPort());
		this.client = client(ACCESS_KEY, SECRET_KEY);
	}

	/** The client with the server's credentials. */
	S3Client client() {
		return this.client;
	}

	/** A client with the given credentials, path-style, region us-east-1. */
	S3Client client(String accessKey, String secretKey) {
		return S3Client.builder()
			.endpointOverride(this.endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
			.build();
	}

	void createBucket(String bucket) {
		this.client.createBucket((request) -> request.bucket(bucket));
	}

	void put(String bucket, String key, byte[] content) {
		this.client.putObject((request) -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
	}

	void put(String bucket, String key, String text) {
		put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
	}

	void putFile(String bucket, String key, Path file) {
		this.client.putObject((request) -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
	}

	byte[] get(String bucket, String key) {
		return this.client.getObjectAsBytes((request) -> request.bucket(bucket).key(key)).asByteArray();
	}

	static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	@Override
	public void close() throws Exception {
		this.client.close();
		this.proxy.stop();
	}

}
