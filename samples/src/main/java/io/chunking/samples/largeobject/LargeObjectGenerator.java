package io.chunking.samples.largeobject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes the large object of the {@code large-object} job: one gzip NDJSON object of orders in S3, of a given
 * compressed size, streamed through a multipart upload (it holds one part, 8 MiB, in memory, whatever the size).
 * <p>
 * Line {@code n} (from 1) is the order {@code o-n}: {@code {"id":"o-n","customer":"c-…","category":"…","amount":…}},
 * its customer, category (12, skewed weights) and amount (0.01 to 9,999.99, log-uniform) drawn from a random
 * generator seeded by {@code n}, so the content is deterministic. Every line whose number is a multiple of
 * {@code invalidEvery} is invalid, in turn: a truncated JSON line, an amount that is not a number (both unreadable),
 * and a negative amount (refused by the enrichment); the job skips all three with their line numbers.
 * <p>
 * Run it with the apps' dependencies, through the master jar:
 *
 * <pre>
 * java -Dloader.path=samples/target/samples.jar -Dloader.main=io.chunking.samples.largeobject.LargeObjectGenerator \
 *   -jar master-app/target/master-app.jar --bucket=samples --key=large/orders.ndjson.gz --mib=100 \
 *   [--invalid-every=10000] [--create-bucket=true] [--endpoint=http://127.0.0.1:9000 --access-key=… --secret-key=…]
 * </pre>
 *
 * Without {@code --endpoint} it uses the AWS SDK's default region and credentials. It prints what it wrote as
 * {@code name=value} lines: {@code lines}, {@code orders} (valid lines), {@code invalidLines}, {@code textBytes},
 * {@code gzipBytes}, {@code centsByCategory}.
 */
public final class LargeObjectGenerator {

	static final String[] CATEGORIES = { "books", "electronics", "garden", "toys", "grocery", "clothing", "sports",
			"beauty", "automotive", "music", "office", "pets" };

	/** Cumulative weights of the categories, out of 1000. */
	private static final int[] CUMULATIVE = { 180, 340, 460, 560, 650, 730, 800, 860, 910, 950, 980, 1000 };

	/** Size of each uploaded part but the last, in bytes (S3's minimum is 5 MiB). */
	static final int PART_SIZE = 8 << 20;

	/** Default spacing of the invalid lines. */
	public static final long DEFAULT_INVALID_EVERY = 10_000;

	private static final long SEED = 0x1A26_0B1EL;

	private LargeObjectGenerator() {
	}

	/**
	 * What was written.
	 * @param lines lines of the object
	 * @param invalidLines numbers of the invalid lines, in order
	 * @param textBytes bytes of text
	 * @param gzipBytes bytes of the object
	 * @param centsByCategory cents per category (upper case) of the valid lines
	 */
	public record Summary(long lines, List<Long> invalidLines, long textBytes, long gzipBytes,
			Map<String, Long> centsByCategory) {

		/** Valid lines. */
		public long orders() {
			return this.lines - this.invalidLines.size();
		}

	}

	/**
	 * Writes the object {@code s3://bucket/key} until its compressed size reaches {@code gzipBytes}.
	 * @param invalidEvery spacing of the invalid lines, at least 1
	 */
	public static Summary generate(S3Client s3, String bucket, String key, long gzipBytes, long invalidEvery)
			throws IOException {
		if (gzipBytes <= 0 || invalidEvery <= 0) {
			throw new IllegalArgumentException("the size and the spacing of the invalid lines must be positive, were "
					+ gzipBytes + " and " + invalidEvery);
		}
		List<Long> invalid = new ArrayList<>();
		Map<String, Long> cents = new TreeMap<>();
		long lines = 0;
		long text = 0;
		StringBuilder line = new StringBuilder(128);
		MultipartOutputStream upload = new MultipartOutputStream(s3, bucket, key);
		try (GZIPOutputStream gzip = new GZIPOutputStream(upload, 1 << 16) {
			{
				this.def.setLevel(Deflater.BEST_SPEED);
			}
		}) {
			while (upload.written() < gzipBytes) {
				long number = ++lines;
				line.setLength(0);
				long amount = line(number, invalidEvery, line);
				if (amount < 0) {
					invalid.add(number);
				}
				else {
					cents.merge(category(number).toUpperCase(Locale.ROOT), amount, Long::sum);
				}
				byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
				gzip.write(bytes);
				text += bytes.length;
			}
			gzip.finish();
			upload.complete();
			return new Summary(lines, invalid, text, upload.written(), cents);
		}
		catch (IOException | RuntimeException ex) {
			upload.abort();
			throw ex;
		}
	}

	/**
	 * Appends line {@code number}'s text (without its line break).
	 * @return the order's amount in cents, or -1 if the line is invalid
	 */
	static long line(long number, long invalidEvery, StringBuilder line) {
		SplittableRandom random = new SplittableRandom(SEED + number * 0x9E3779B97F4A7C15L);
		long customer = random.nextBoolean() ? random.nextInt(10_000) : random.nextInt(1_000_000);
		String category = category(number);
		long amount = Math.min(999_999, (long) Math.exp(random.nextDouble() * Math.log(1_000_000)));
		line.append("{\"id\":\"o-").append(number).append("\",\"customer\":\"c-").append(customer)
			.append("\",\"category\":\"").append(category).append("\",\"amount\":");
		if (number % invalidEvery != 0) {
			appendAmount(line, amount).append('}');
			return amount;
		}
		switch ((int) (number / invalidEvery % 3)) {
			case 0 -> { // truncated: not JSON
			}
			case 1 -> line.append("\"n/a\"}");
			default -> appendAmount(line.append('-'), amount).append('}');
		}
		return -1;
	}

	static String category(long number) {
		int pick = new SplittableRandom(SEED ^ number).nextInt(1000);
		int category = 0;
		while (CUMULATIVE[category] <= pick) {
			category++;
		}
		return CATEGORIES[category];
	}

	private static StringBuilder appendAmount(StringBuilder line, long cents) {
		line.append(cents / 100).append('.');
		long fraction = cents % 100;
		return line.append(fraction < 10 ? "0" : "").append(fraction);
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = options(args);
		String bucket = required(options, "bucket");
		String key = required(options, "key");
		double mib = number(options, "mib", null);
		long invalidEvery = (long) number(options, "invalid-every", (double) DEFAULT_INVALID_EVERY);
		long started = System.nanoTime();
		Summary summary;
		try (S3Client s3 = client(options)) {
			if (options.containsKey("create-bucket") && !s3.listBuckets().buckets().stream()
				.anyMatch((existing) -> existing.name().equals(bucket))) {
				s3.createBucket((request) -> request.bucket(bucket));
			}
			summary = generate(s3, bucket, key, (long) (mib * 1024 * 1024), invalidEvery);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.println("object=s3://" + bucket + "/" + key);
		System.out.println("lines=" + summary.lines());
		System.out.println("orders=" + summary.orders());
		System.out.println("invalidLines=" + summary.invalidLines().size());
		System.out.println("textBytes=" + summary.textBytes());
		System.out.println("gzipBytes=" + summary.gzipBytes());
		System.out.println("centsByCategory=" + summary.centsByCategory());
		System.out.println("seconds=" + String.format(Locale.ROOT, "%.1f", seconds));
	}

	private static S3Client client(Map<String, String> options) {
		String endpoint = options.get("endpoint");
		if (endpoint == null) {
			return S3Client.create();
		}
		return S3Client.builder()
			.endpointOverride(URI.create(endpoint))
			.region(Region.of(options.getOrDefault("region", "us-east-1")))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(required(options, "access-key"), required(options, "secret-key"))))
			.serviceConfiguration(S3Configuration.builder()
				.pathStyleAccessEnabled(true)
				// parts are signed whole (s3proxy, as any S3 API, takes both)
				.chunkedEncodingEnabled(false)
				.build())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build();
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Arguments are --name=value, was '" + arg + "'");
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	private static double number(Map<String, String> options, String name, @Nullable Double defaultValue) {
		String value = options.get(name);
		if (value == null) {
			if (defaultValue == null) {
				throw new IllegalArgumentException("--" + name + " is required");
			}
			return defaultValue;
		}
		try {
			double number = Double.parseDouble(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("--" + name + " must be a positive number, was '" + value + "'");
	}

	/** Uploads what is written to it as the parts of one multipart upload, holding one part in memory. */
	static final class MultipartOutputStream extends OutputStream {

		private final S3Client s3;

		private final String bucket;

		private final String key;

		private final String uploadId;

		private final List<CompletedPart> parts = new ArrayList<>();

		private final byte[] buffer = new byte[PART_SIZE];

		private int buffered;

		private long written;

		private boolean done;

		MultipartOutputStream(S3Client s3, String bucket, String key) {
			this.s3 = s3;
			this.bucket = bucket;
			this.key = key;
			this.uploadId = s3.createMultipartUpload((request) -> request.bucket(bucket).key(key)).uploadId();
		}

		long written() {
			return this.written;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			while (length > 0) {
				int n = Math.min(length, this.buffer.length - this.buffered);
				System.arraycopy(bytes, offset, this.buffer, this.buffered, n);
				this.buffered += n;
				this.written += n;
				offset += n;
				length -= n;
				if (this.buffered == this.buffer.length) {
					uploadPart();
				}
			}
		}

		private void uploadPart() {
			int number = this.parts.size() + 1;
			try {
				String etag = this.s3.uploadPart((request) -> request.bucket(this.bucket).key(this.key)
					.uploadId(this.uploadId).partNumber(number), RequestBody.fromBytes(
							Arrays.copyOf(this.buffer, this.buffered))).eTag();
				this.parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				this.buffered = 0;
			}
			catch (RuntimeException ex) {
				throw new UncheckedIOException(new IOException("Uploading part " + number + " of s3://" + this.bucket
						+ "/" + this.key + " failed: " + ex.getMessage(), ex));
			}
		}

		/** Uploads the last part and completes the upload: the object appears. */
		void complete() {
			if (this.buffered > 0 || this.parts.isEmpty()) {
				uploadPart();
			}
			this.s3.completeMultipartUpload((request) -> request.bucket(this.bucket).key(this.key)
				.uploadId(this.uploadId).multipartUpload((upload) -> upload.parts(this.parts)));
			this.done = true;
		}

		/** Aborts the upload unless it completed: no object appears, the parts are dropped. */
		void abort() {
			if (!this.done) {
				this.done = true;
				this.s3.abortMultipartUpload((request) -> request.bucket(this.bucket).key(this.key)
					.uploadId(this.uploadId));
			}
		}

	}

}
