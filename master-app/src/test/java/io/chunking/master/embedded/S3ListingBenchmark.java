package io.chunking.master.embedded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import io.chunking.store.s3.S3ClientFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * How long listing n attempt objects takes through s3proxy's plain file-system store and through the embedded S3
 * server, as {@code S3Manifest.check} lists them: ListObjectsV2 pages of 1,000 (the SDK's paginator) under the
 * instance's {@code chunk-} prefix, over a socket. Not a test: run it with {@code samples/bench/s3-listing-run.sh}.
 * <p>
 * Arguments: the data directory (objects are written once per count and kept there), then
 * {@code count:mode[,mode]} groups, modes {@code plain} and {@code embedded}, e.g. {@code 10000:plain,embedded}.
 * Prints one Markdown table row per count and mode.
 */
public final class S3ListingBenchmark {

	private static final String HOST = "127.0.0.1";

	private static final String USER = "bench";

	private static final String PASSWORD = "bench-secret";

	private static final String BUCKET = "results";

	private static final String INSTANCE = "orders/instance-1/";

	private S3ListingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args[0]);
		System.out.println("| objects | server | pages | listing | first page | slowest later page | objects/s |");
		System.out.println("|---:|---|---:|---:|---:|---:|---:|");
		for (int i = 1; i < args.length; i++) {
			String[] group = args[i].split(":");
			int count = Integer.parseInt(group[0]);
			Path dataDir = root.resolve("objects-" + count);
			populate(dataDir, count);
			for (String mode : group[1].split(",")) {
				System.out.println(measure(dataDir, count, mode));
			}
		}
	}

	private static String measure(Path dataDir, int count, String mode) throws Exception {
		int port = freePort();
		AutoCloseable server = switch (mode) {
			case "plain" -> plainServer(dataDir, port);
			case "embedded" -> embeddedServer(dataDir, port);
			default -> throw new IllegalArgumentException("mode must be plain or embedded, not " + mode);
		};
		try (server;
				S3Client client = S3ClientFactory.create(URI.create("http://" + HOST + ":" + port), "us-east-1", true,
						USER, PASSWORD, 4, Duration.ofMinutes(30))) {
			List<Long> pageNanos = new ArrayList<>();
			long objects = 0;
			long start = System.nanoTime();
			long pageStart = start;
			for (ListObjectsV2Response page : client
				.listObjectsV2Paginator((request) -> request.bucket(BUCKET).prefix(INSTANCE + "chunk-"))) {
				long now = System.nanoTime();
				pageNanos.add(now - pageStart);
				pageStart = now;
				objects += page.contents().size();
			}
			long total = System.nanoTime() - start;
			if (objects != count) {
				throw new IllegalStateException(mode + " listed " + objects + " objects of " + count);
			}
			long slowestLater = (pageNanos.size() > 1) ? Collections.max(pageNanos.subList(1, pageNanos.size())) : 0;
			return "| %,d | %s | %,d | %.1f s | %.0f ms | %.0f ms | %,.0f |".formatted(count, mode, pageNanos.size(),
					total / 1e9, pageNanos.get(0) / 1e6, slowestLater / 1e6, count / (total / 1e9));
		}
	}

	private static AutoCloseable plainServer(Path dataDir, int port) throws Exception {
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(store(dataDir))
			.endpoint(URI.create("http://" + HOST + ":" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, USER, PASSWORD)
			.build();
		proxy.start();
		return proxy::stop;
	}

	private static AutoCloseable embeddedServer(Path dataDir, int port) throws Exception {
		EmbeddedProperties properties = new EmbeddedProperties();
		properties.setHost(HOST);
		properties.setDataDir(dataDir);
		properties.setUser(USER);
		properties.setPassword(PASSWORD);
		properties.setS3Port(port);
		return new EmbeddedS3Server(properties);
	}

	/** Writes the attempt objects through the store itself (no HTTP), once per data directory. */
	private static void populate(Path dataDir, int count) throws Exception {
		Path done = dataDir.resolve("populated");
		if (Files.exists(done)) {
			return;
		}
		Files.createDirectories(dataDir.resolve("s3"));
		BlobStore store = store(dataDir);
		store.createContainer(BUCKET);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (int chunk = 0; chunk < count; chunk++) {
				String key = INSTANCE + "chunk-%06d-attempt-1.ndjson".formatted(chunk);
				writes.add(pool.submit(() -> put(store, key)));
			}
			for (Future<?> write : writes) {
				write.get();
			}
		}
		finally {
			pool.shutdown();
		}
		Files.writeString(done, Integer.toString(count));
	}

	private static void put(BlobStore store, String key) {
		byte[] content = ("{\"key\":\"" + key + "\",\"count\":1000}\n").getBytes(StandardCharsets.UTF_8);
		store.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength((long) content.length).build(),
				new ByteArrayInputStream(content));
	}

	private static BlobStore store(Path dataDir) {
		Properties properties = new Properties();
		properties.setProperty("jclouds.filesystem.basedir", dataDir.resolve("s3").toAbsolutePath().toString());
		return BlobStores.create("filesystem", properties);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

}
