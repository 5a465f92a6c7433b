package io.chunking.master.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import io.chunking.support.OwnerOnlyFiles;

/**
 * An S3-compatible server (s3proxy) storing objects as files under the data directory, with signature
 * authentication by the embedded login, listening on {@code chunking.embedded.host} only. Listings are served page
 * by page from one read of the listed prefix ({@link SnapshotListingBlobStore}).
 */
final class EmbeddedS3Server implements EmbeddedServer {

	private final S3Proxy proxy;

	private final URI endpoint;

	EmbeddedS3Server(EmbeddedProperties properties) throws Exception {
		Path dir = OwnerOnlyFiles.directory(properties.getDataDir().resolve("s3"));
		Properties store = new Properties();
		store.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
		this.endpoint = URI.create("http://" + properties.getHost() + ":" + properties.getS3Port());
		this.proxy = S3Proxy.builder()
			.blobStore(new SnapshotListingBlobStore(BlobStores.create("filesystem", store)))
			.endpoint(this.endpoint)
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, properties.getUser(), properties.getPassword())
			.build();
		this.proxy.start();
	}

	@Override
	public String describe() {
		return "S3-compatible server at " + this.endpoint;
	}

	@Override
	public void close() throws Exception {
		this.proxy.stop();
	}

}
