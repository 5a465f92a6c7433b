package io.chunking.samples.largeobject;

import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ClusterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * The large object sample on a master and two worker processes over the embedded S3 server: an object written by
 * {@link LargeObjectGenerator} (gzip NDJSON, multipart upload) is sliced by lines and enriched by the job
 * {@value LargeObjectJob#NAME}. The test reads the object back on its own, line by line, and asserts the exact
 * totals per category (amounts, tax) and price band, exactly the invalid lines skipped with their line numbers, a
 * manifest listing one object per chunk, and outputs holding every valid line once.
 */
class LargeObjectIntegrationTests {

	static final String BUCKET = "samples";

	static final String KEY = "large/orders.ndjson.gz";

	/** Compressed size of the object, MiB (about 7.6 million lines); {@code -Dlargeobject.mib=4} for a quick run. */
	static final double MIB = Double.parseDouble(System.getProperty("largeobject.mib", "100"));

	static final long INVALID_EVERY = 5_000;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("large-object", (cluster) -> {
		cluster.masterArgs("--chunking.master.poll-interval=250ms");
		cluster.startMaster();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
		try (S3Client s3 = cluster.s3Client()) {
			s3.createBucket((bucket) -> bucket.bucket(BUCKET));
		}
	});

	@Test
	@SuppressWarnings("unchecked")
	void everyLineIsEnrichedOnceInvalidLinesAreSkippedWithTheirNumbersAndTheTotalsAreExact() throws Exception {
		LargeObjectGenerator.Summary generated;
		Expected expected;
		try (S3Client s3 = cluster.s3Client()) {
			generated = LargeObjectGenerator.generate(s3, BUCKET, KEY, (long) (MIB * 1024 * 1024), INVALID_EVERY);
			expected = expected(s3);
		}
		assertThat(expected.lines()).isEqualTo(generated.lines());
		assertThat(expected.invalid()).isEqualTo(generated.invalidLines()).isNotEmpty();
		assertThat(expected.cents()).isEqualTo(generated.centsByCategory());

		long id = cluster.trigger(LargeObjectJob.NAME, Map.of("chunkSize", "1000", "output", "out"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3 + (long) MIB / 4));

		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");
		Map<String, Object> result = (Map<String, Object>) execution.get("result");
		long valid = expected.lines() - expected.invalid().size();
		assertThat(((Number) result.get("orders")).longValue()).isEqualTo(valid);
		assertThat(longs(result.get("centsByCategory"))).isEqualTo(expected.cents());
		assertThat(longs(result.get("taxCentsByCategory"))).isEqualTo(expected.tax());
		assertThat(longs(result.get("ordersByPriceBand"))).isEqualTo(expected.bands());
		assertThat((Map<String, Object>) execution.get("items")).containsEntry("read", (int) expected.lines())
			.containsEntry("skipped", expected.invalid().size());

		List<String> skipped = skips(id);
		assertThat(skipped).as("the positions of the skipped lines")
			.isEqualTo(expected.invalid().stream().map((line) -> "s3://" + BUCKET + "/" + KEY + ":" + line).toList());

		long chunks = (expected.lines() + 999) / 1000;
		String prefix = "out/" + LargeObjectJob.NAME + "/" + instanceId(execution) + "/";
		JsonNode manifest = cluster.json().readTree(text(prefix + "manifest.json"));
		assertThat(manifest.path("chunkCount").asLong()).isEqualTo(chunks);
		assertThat(manifest.path("items").asLong()).isEqualTo(valid);
		List<Integer> listed = new ArrayList<>();
		BitSet seen = new BitSet((int) expected.lines() + 1);
		expected.invalid().forEach((line) -> seen.set(line.intValue()));
		long lines = 0;
		try (S3Client s3 = cluster.s3Client()) {
			for (JsonNode object : manifest.path("objects")) {
				listed.add(object.path("chunk").asInt());
				try (BufferedReader reader = gunzip(s3, object.path("key").asString())) {
					for (String line = reader.readLine(); line != null; line = reader.readLine()) {
						// Order o-n is line n of the object: each valid line once, no invalid one.
						int number = orderNumber(line);
						assertThat(seen.get(number)).as("line %d written twice, or invalid: %s", number, line).isFalse();
						seen.set(number);
						lines++;
					}
				}
			}
		}
		assertThat(listed).as("one object per chunk, in chunk order")
			.isEqualTo(java.util.stream.IntStream.range(0, (int) chunks).boxed().toList());
		assertThat(lines).as("output lines").isEqualTo(valid);
	}

	/** What the object holds, read back line by line without the sample's code. */
	record Expected(long lines, List<Long> invalid, Map<String, Long> cents, Map<String, Long> tax,
			Map<String, Long> bands) {
	}

	private static Expected expected(S3Client s3) throws IOException {
		List<Long> invalid = new ArrayList<>();
		Map<String, Long> cents = new TreeMap<>();
		Map<String, Long> tax = new TreeMap<>();
		Map<String, Long> bands = new TreeMap<>();
		long number = 0;
		try (BufferedReader reader = gunzip(s3, KEY)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				JsonNode order;
				try {
					order = cluster.json().readTree(line);
				}
				catch (RuntimeException ex) {
					invalid.add(number);
					continue;
				}
				JsonNode amount = order.path("amount");
				if (!amount.isNumber() || amount.decimalValue().signum() < 0) {
					invalid.add(number);
					continue;
				}
				String category = order.path("category").asString().toUpperCase(Locale.ROOT);
				BigDecimal gross = amount.decimalValue().movePointRight(2);
				BigDecimal rate = Set.of("BOOKS", "GROCERY", "MUSIC").contains(category) ? new BigDecimal("0.07")
						: new BigDecimal("0.19");
				cents.merge(category, gross.longValueExact(), Long::sum);
				tax.merge(category, gross.multiply(rate)
					.divide(BigDecimal.ONE.add(rate), 0, RoundingMode.HALF_UP)
					.longValueExact(), Long::sum);
				String band = (gross.longValue() < 1_000) ? "under-10" : (gross.longValue() < 10_000) ? "10-to-100"
						: (gross.longValue() < 100_000) ? "100-to-1000" : "1000-and-over";
				bands.merge(band, 1L, Long::sum);
			}
		}
		return new Expected(number, invalid, cents, tax, bands);
	}

	@SuppressWarnings("unchecked")
	private static List<String> skips(long executionId) throws Exception {
		List<String> positions = new ArrayList<>();
		for (int page = 0;; page++) {
			List<Map<String, Object>> chunks = (List<Map<String, Object>>) cluster
				.get("/api/executions/" + executionId + "/chunks?size=1000&page=" + page)
				.body()
				.get("chunks");
			if (chunks == null || chunks.isEmpty()) {
				return positions.stream().sorted((left, right) -> Long.compare(line(left), line(right))).toList();
			}
			chunks.forEach((chunk) -> ((List<Map<String, Object>>) chunk.get("skips"))
				.forEach((skip) -> positions.add((String) skip.get("position"))));
		}
	}

	/** The number of an output line's order, {@code {"id":"o-<n>",…}}, which is its line in the object. */
	private static int orderNumber(String line) {
		String start = "{\"id\":\"o-";
		assertThat(line).startsWith(start);
		return Integer.parseInt(line, start.length(), line.indexOf('"', start.length()), 10);
	}

	private static long line(String position) {
		return Long.parseLong(position.substring(position.lastIndexOf(':') + 1));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Long> longs(Object map) {
		Map<String, Long> longs = new TreeMap<>();
		((Map<String, Number>) map).forEach((key, value) -> longs.put(key, value.longValue()));
		return longs;
	}

	private static BufferedReader gunzip(S3Client s3, String key) throws IOException {
		InputStream object = s3.getObject((request) -> request.bucket(BUCKET).key(key));
		return new BufferedReader(new InputStreamReader(new GZIPInputStream(object, 1 << 16), StandardCharsets.UTF_8));
	}

	private static String text(String key) {
		try (S3Client s3 = cluster.s3Client()) {
			return s3.getObjectAsBytes((request) -> request.bucket(BUCKET).key(key)).asUtf8String();
		}
	}

}
