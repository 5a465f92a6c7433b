package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.chunking.store.s3.S3ClientFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The embedded S3 server lists exactly as s3proxy's plain file-system store does: two servers over one directory,
 * the master's and a plain s3proxy, listed through the AWS SDK page by page, must answer every page alike (keys,
 * order, sizes, ETags, dates, common prefixes, tokens, truncation), also when objects are written through the
 * master's server between pages.
 */
class SnapshotListingBlobStoreIntegrationTests {

	private static final String HOST = "127.0.0.1";

	private static final String PASSWORD = "listing-secret";

	private static final String BUCKET = "listing";

	private static final List<String> OTHER_KEYS = List.of("results/ünïcode/ß-1", "results/ünïcode/ß-2",
			"results/日本語/キー-1", "results/emoji-😀", "results/emoji-😀-dir/inner", "results/space key",
			"results-sibling", "top-level.json", "other/x");

	@TempDir
	static Path dataDir;

	private static EmbeddedS3Server served;

	private static S3Proxy plainServer;

	private static S3Client master;

	private static S3Client plain;

	private static List<String> allKeys;

	@BeforeAll
	static void startBothServersOverOneDirectory() throws Exception {
		EmbeddedProperties properties = new EmbeddedProperties();
		properties.setHost(HOST);
		properties.setDataDir(dataDir);
		properties.setPassword(PASSWORD);
		properties.setS3Port(freePort());
		served = new EmbeddedS3Server(properties);
		Properties store = new Properties();
		store.setProperty("jclouds.filesystem.basedir", dataDir.resolve("s3").toString());
		int plainPort = freePort();
		plainServer = S3Proxy.builder()
			.blobStore(BlobStores.create("filesystem", store))
			.endpoint(URI.create("http://" + HOST + ":" + plainPort))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, properties.getUser(), PASSWORD)
			.build();
		plainServer.start();
		master = client(properties.getS3Port(), properties.getUser());
		plain = client(plainPort, properties.getUser());
		master.createBucket((request) -> request.bucket(BUCKET));
		List<String> keys = new ArrayList<>(OTHER_KEYS);
		IntStream.range(0, 600).mapToObj((i) -> "results/%02d/chunk-%04d".formatted(i / 60, i)).forEach(keys::add);
		keys.forEach((key) -> put(key, key.length() % 5));
		// A directory marker: an empty object named like the common prefix of other objects.
		put("results/05/", 0);
		keys.add("results/05/");
		allKeys = keys.stream().sorted().toList();
	}

	@AfterAll
	static void stop() throws Exception {
		master.close();
		plain.close();
		plainServer.stop();
		served.close();
	}

	static Stream<Arguments> listings() {
		List<Arguments> listings = new ArrayList<>();
		for (String prefix : new String[] { null, "", "results/", "results", "results/0", "results/ünïcode/",
				"results/日", "results/emoji-😀", "missing/" }) {
			for (String delimiter : new String[] { null, "/" }) {
				for (int maxKeys : new int[] { 7, 1000 }) {
					listings.add(Arguments.of(prefix, delimiter, maxKeys, null));
				}
			}
		}
		listings.add(Arguments.of("results/05/", null, 7, null));
		listings.add(Arguments.of("results/05/", "/", 7, null));
		listings.add(Arguments.of("results/03/", null, 1, null));
		listings.add(Arguments.of("results/", "/", 1, null));
		listings.add(Arguments.of("results/ünïcode/", null, 1, null));
		listings.add(Arguments.of(null, "/", 1, null));
		listings.add(Arguments.of("results/", null, 0, null));
		listings.add(Arguments.of("results/", null, 7, "results/03/chunk-0200"));
		listings.add(Arguments.of("results/", "/", 7, "results/05"));
		listings.add(Arguments.of("results/", null, 1000, "results/09/chunk-9999"));
		return listings.stream();
	}

	@ParameterizedTest(name = "prefix={0} delimiter={1} max-keys={2} start-after={3}")
	@MethodSource("listings")
	void everyPageOfAListingIsThePlainStoresPage(@Nullable String prefix, @Nullable String delimiter, int maxKeys,
			@Nullable String startAfter) {
		ListObjectsV2Request first = ListObjectsV2Request.builder()
			.bucket(BUCKET)
			.prefix(prefix)
			.delimiter(delimiter)
			.maxKeys(maxKeys)
			.startAfter(startAfter)
			.build();

		listBothAlike(first, (page) -> {
		});
	}

	@Test
	void aListingWithoutDelimiterHoldsEveryObjectInOrder() {
		List<String> keys = new ArrayList<>();

		listBothAlike(ListObjectsV2Request.builder().bucket(BUCKET).maxKeys(7).build(),
				(page) -> page.contents().forEach((object) -> keys.add(object.key())));

		assertThat(keys).isEqualTo(allKeys);
	}

	@Test
	void pagesAfterWritesBetweenThemAreThePlainStoresPages() {
		IntStream.range(0, 60).forEach((i) -> put("moving/key-%03d".formatted(i), 1));
		List<Runnable> writes = List.of(() -> put("moving/key-000a", 2), () -> put("moving/key-999", 3),
				() -> master.deleteObject((request) -> request.bucket(BUCKET).key("moving/key-030")),
				() -> put("moving/key-031", 4),
				() -> master.copyObject((request) -> request.sourceBucket(BUCKET)
					.sourceKey("moving/key-001")
					.destinationBucket(BUCKET)
					.destinationKey("moving/key-045a")),
				() -> master.deleteObjects((request) -> request.bucket(BUCKET)
					.delete((delete) -> delete.objects(ObjectIdentifier.builder().key("moving/key-050").build(),
							ObjectIdentifier.builder().key("moving/key-055").build()))));
		List<String> keys = new ArrayList<>();
		int[] pages = { 0 };

		listBothAlike(ListObjectsV2Request.builder().bucket(BUCKET).prefix("moving/").maxKeys(7).build(), (page) -> {
			page.contents().forEach((object) -> keys.add(object.key()));
			if (pages[0] < writes.size()) {
				writes.get(pages[0]).run();
			}
			pages[0]++;
		});

		assertThat(keys).contains("moving/key-999", "moving/key-045a")
			.doesNotContain("moving/key-030", "moving/key-050", "moving/key-055");
	}

	@Test
	void versionOneListingsPageAsThePlainStores() {
		for (String delimiter : new String[] { null, "/" }) {
			String marker = null;
			int pages = 0;
			do {
				String from = marker;
				ListObjectsResponse fromMaster = master.listObjects((request) -> request.bucket(BUCKET)
					.prefix("results/")
					.delimiter(delimiter)
					.maxKeys(7)
					.marker(from));
				ListObjectsResponse fromPlain = plain.listObjects((request) -> request.bucket(BUCKET)
					.prefix("results/")
					.delimiter(delimiter)
					.maxKeys(7)
					.marker(from));
				assertThat(fromMaster.toString()).isEqualTo(fromPlain.toString());
				assertThat(fromMaster.equalsBySdkFields(fromPlain)).isTrue();
				marker = Boolean.TRUE.equals(fromMaster.isTruncated()) ? fromMaster.nextMarker() : null;
				pages++;
			}
			while (marker != null);
			assertThat(pages).isGreaterThan(1);
		}
	}

	/**
	 * Lists page by page from both servers, each page asked of both with the same token, and hands each page to
	 * {@code afterPage} before asking for the next.
	 */
	private static void listBothAlike(ListObjectsV2Request first, Consumer<ListObjectsV2Response> afterPage) {
		ListObjectsV2Request request = first;
		while (true) {
			ListObjectsV2Response fromMaster = master.listObjectsV2(request);
			ListObjectsV2Response fromPlain = plain.listObjectsV2(request);
			assertThat(fromMaster.toString()).as("page of %s", request).isEqualTo(fromPlain.toString());
			assertThat(fromMaster.equalsBySdkFields(fromPlain)).isTrue();
			afterPage.accept(fromMaster);
			if (!Boolean.TRUE.equals(fromMaster.isTruncated())) {
				return;
			}
			request = first.toBuilder().continuationToken(fromMaster.nextContinuationToken()).build();
		}
	}

	private static void put(String key, int copies) {
		byte[] content = key.repeat(copies).getBytes(StandardCharsets.UTF_8);
		master.putObject((request) -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
	}

	private static S3Client client(int port, String user) {
		return S3ClientFactory.create(URI.create("http://" + HOST + ":" + port), "us-east-1", true, user, PASSWORD,
				4, Duration.ofSeconds(60));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

}
