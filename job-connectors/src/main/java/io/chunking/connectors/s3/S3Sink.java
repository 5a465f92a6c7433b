package io.chunking.connectors.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.util.Assert;

import io.chunking.connectors.SinkException;
import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import io.chunking.job.CompletedRun;
import io.chunking.job.JobArguments;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sink that writes a job's outputs to S3 objects: one object per chunk attempt, uploaded when the attempt succeeds,
 * and, when the execution completes, a manifest listing the object of the attempt that counts for each succeeded
 * chunk. Keys are
 *
 * <pre>
 * {prefix}/{jobName}/{jobInstanceId}/chunk-{index, 6 digits}-attempt-{n}.{ndjson|csv}[.gz]
 * {prefix}/{jobName}/{jobInstanceId}/manifest.json
 * </pre>
 *
 * A chunk may run more than once (a retry, a lost lease, a late zombie worker), so objects of attempts that do not
 * count may sit beside the counted ones: <strong>the manifest is the only valid listing</strong> of the outputs, and
 * it is uploaded last, after every object it lists was found, so a reader that sees it sees complete outputs.
 * {@link #deleteUncounted(boolean)} also deletes the other attempts' objects once the manifest is written.
 * <p>
 * Workers encode outputs into a temp file ({@link #tempDir(Path)}) and upload it once, so memory stays bounded
 * whatever the chunk's size. Immutable: each option returns a new sink.
 *
 * <pre class="code">
 * ChunkedJob.named("score-orders")
 *     .items(S3Source.csv(s3, S3Location.parse("s3://acme-in/orders.csv"), Order.class))
 *     .processor(scorer::score)
 *     .sink(S3Sink.ndjson(s3, "acme-out", "scores").gzip(true))
 *     .build();
 * </pre>
 *
 * @param <O> output type
 */
public final class S3Sink<O> implements ChunkSink<O> {

	/** Name of the manifest object under the instance's prefix. */
	public static final String MANIFEST = "manifest.json";

	private static final JsonMapper DEFAULT_JSON = JsonMapper.builder().build();

	private final S3Client s3;

	private final String bucket;

	private final Function<JobArguments, String> prefix;

	private final OutputFormat<O> format;

	private final boolean gzip;

	private final @Nullable Path tempDir;

	private final boolean deleteUncounted;

	private S3Sink(S3Client s3, String bucket, Function<JobArguments, String> prefix, OutputFormat<O> format,
			boolean gzip, @Nullable Path tempDir, boolean deleteUncounted) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix;
		this.format = format;
		this.gzip = gzip;
		this.tempDir = tempDir;
		this.deleteUncounted = deleteUncounted;
	}

	private static <O> S3Sink<O> create(S3Client s3, String bucket, Function<JobArguments, String> prefix,
			OutputFormat<O> format) {
		Assert.notNull(s3, "s3 client must not be null");
		S3Location.checkBucket(bucket);
		Assert.notNull(prefix, "prefix must not be null");
		return new S3Sink<>(s3, bucket, prefix, format, false, null, false);
	}

	/** Outputs as newline-delimited JSON under a fixed prefix ({@code ""} for the bucket's root). */
	public static <O> S3Sink<O> ndjson(S3Client s3, String bucket, String prefix) {
		return ndjson(s3, bucket, fixed(prefix, bucket));
	}

	/** Outputs as newline-delimited JSON under the prefix of each run. */
	public static <O> S3Sink<O> ndjson(S3Client s3, String bucket, Function<JobArguments, String> prefix) {
		return create(s3, bucket, prefix, new NdjsonFormat<>(DEFAULT_JSON));
	}

	/** Outputs, Java records, as CSV with a header of their component names, under a fixed prefix. */
	public static <O> S3Sink<O> csv(S3Client s3, String bucket, String prefix, Class<O> recordType) {
		return csv(s3, bucket, fixed(prefix, bucket), recordType);
	}

	/** Outputs, Java records, as CSV with a header of their component names, under the prefix of each run. */
	public static <O> S3Sink<O> csv(S3Client s3, String bucket, Function<JobArguments, String> prefix,
			Class<O> recordType) {
		return create(s3, bucket, prefix, CsvFormat.of(recordType, S3CsvSource.DEFAULT_DELIMITER));
	}

	/**
	 * Outputs as CSV with the given header; {@code values} gives the values of an output, one per column, written
	 * with {@code toString()} ({@code null} as empty).
	 */
	public static <O> S3Sink<O> csv(S3Client s3, String bucket, String prefix, List<String> columns,
			Function<? super O, ? extends List<?>> values) {
		return csv(s3, bucket, fixed(prefix, bucket), columns, values);
	}

	/** Outputs as CSV with the given header and values, under the prefix of each run. */
	public static <O> S3Sink<O> csv(S3Client s3, String bucket, Function<JobArguments, String> prefix,
			List<String> columns, Function<? super O, ? extends List<?>> values) {
		return create(s3, bucket, prefix, new CsvFormat<>(columns, values, S3CsvSource.DEFAULT_DELIMITER));
	}

	private static Function<JobArguments, String> fixed(String prefix, String bucket) {
		String normalized = normalizePrefix(prefix, bucket);
		return (arguments) -> normalized;
	}

	/** The prefix without its trailing '/', checked. */
	private static String normalizePrefix(String prefix, String bucket) {
		Assert.notNull(prefix, "prefix must not be null");
		String normalized = prefix;
		while (normalized.endsWith("/")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		S3Location.checkKey(normalized, bucket);
		return normalized;
	}

	/** Gzip-compresses each object (and adds {@code .gz} to its key); defaults to {@code false}. */
	public S3Sink<O> gzip(boolean gzip) {
		return new S3Sink<>(this.s3, this.bucket, this.prefix, this.format, gzip, this.tempDir, this.deleteUncounted);
	}

	/** Directory of the workers' temp files; created if missing. Defaults to {@code java.io.tmpdir}. */
	public S3Sink<O> tempDir(Path tempDir) {
		Assert.notNull(tempDir, "tempDir must not be null");
		return new S3Sink<>(this.s3, this.bucket, this.prefix, this.format, this.gzip, tempDir, this.deleteUncounted);
	}

	/**
	 * Whether to delete, after the manifest is written, the objects of attempts that do not count (those that
	 * uploaded and then lost their chunk to another attempt); defaults to {@code false}. An attempt still running
	 * when the execution completes (a zombie) may upload after that.
	 */
	public S3Sink<O> deleteUncounted(boolean deleteUncounted) {
		return new S3Sink<>(this.s3, this.bucket, this.prefix, this.format, this.gzip, this.tempDir, deleteUncounted);
	}

	/** The mapper that writes outputs as JSON; only for an NDJSON sink. */
	public S3Sink<O> jsonMapper(JsonMapper json) {
		Assert.notNull(json, "jsonMapper must not be null");
		Assert.state(this.format instanceof NdjsonFormat, "jsonMapper(..) applies to an NDJSON sink, not a CSV one");
		return new S3Sink<>(this.s3, this.bucket, this.prefix, new NdjsonFormat<>(json), this.gzip, this.tempDir,
				this.deleteUncounted);
	}

	/** Field delimiter; only for a CSV sink. Defaults to {@value S3CsvSource#DEFAULT_DELIMITER}. */
	public S3Sink<O> delimiter(char delimiter) {
		Assert.state(this.format instanceof CsvFormat, "delimiter(..) applies to a CSV sink, not an NDJSON one");
		Assert.isTrue(delimiter != '"' && delimiter != '\n' && delimiter != '\r',
				() -> "delimiter must not be a quote or a line break, was '" + delimiter + "'");
		return new S3Sink<>(this.s3, this.bucket, this.prefix, ((CsvFormat<O>) this.format).withDelimiter(delimiter),
				this.gzip, this.tempDir, this.deleteUncounted);
	}

	@Override
	public ItemWriter<O> open(ChunkAttempt attempt) throws IOException {
		String key = instancePrefix(attempt.arguments(), attempt.jobName(), attempt.jobInstanceId())
				+ attemptObject(attempt.chunkIndex(), attempt.attempt(), extension());
		return new S3AttemptWriter<>(this.s3, this.bucket, key, this.format, this.gzip, tempDir());
	}

	/**
	 * Checks that the object of every counted attempt exists, then writes the manifest, and, if asked, deletes the
	 * objects of the attempts that do not count.
	 * @return {@code manifest}: the manifest's location, e.g. {@code s3://out/results/orders/7/manifest.json}, for
	 * the execution's result
	 * @throws SinkException if an object is missing (naming it) or S3 refuses a call
	 */
	@Override
	public Map<String, Object> completed(CompletedRun run) throws IOException {
		String instance = instancePrefix(run.arguments(), run.jobName(), run.jobInstanceId());
		S3Manifest manifest = new S3Manifest(this.s3, this.bucket, instance, this.format.name(), extension(), run);
		manifest.check();
		Path file = Files.createTempFile(Files.createDirectories(tempDir()), "chunking-s3-manifest-", ".json");
		try {
			try (OutputStream out = Files.newOutputStream(file)) {
				manifest.write(out);
			}
			String key = instance + MANIFEST;
			try {
				this.s3.putObject((request) -> request.bucket(this.bucket).key(key).contentType("application/json"),
						RequestBody.fromFile(file));
			}
			catch (SdkException ex) {
				throw new SinkException("Uploading the manifest s3://" + this.bucket + "/" + key + " failed: "
						+ S3Errors.problem(ex, this.bucket), ex);
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
		if (this.deleteUncounted) {
			manifest.deleteUncounted();
		}
		return Map.of("manifest", "s3://" + this.bucket + "/" + instance + MANIFEST);
	}

	/** {@code <prefix>/<jobName>/<jobInstanceId>/}, with the prefix of the run. */
	private String instancePrefix(JobArguments arguments, String jobName, long jobInstanceId) {
		String prefix;
		try {
			prefix = normalizePrefix(this.prefix.apply(arguments), this.bucket);
		}
		catch (RuntimeException ex) {
			throw new SinkException("The prefix of the S3 sink on bucket '" + this.bucket + "' for arguments "
					+ arguments + " is not usable: " + ex.getMessage(), ex);
		}
		return (prefix.isEmpty() ? "" : prefix + "/") + jobName + "/" + jobInstanceId + "/";
	}

	/** Name of an attempt's object under the instance's prefix, e.g. {@code chunk-000042-attempt-1.ndjson.gz}. */
	static String attemptObject(int chunkIndex, int attempt, String extension) {
		return String.format("chunk-%06d-attempt-%d.%s", chunkIndex, attempt, extension);
	}

	/** {@code ndjson} or {@code csv}, {@code .gz} added if compressed. */
	private String extension() {
		return this.format.name() + (this.gzip ? ".gz" : "");
	}

	private Path tempDir() {
		return (this.tempDir != null) ? this.tempDir : Path.of(System.getProperty("java.io.tmpdir"));
	}

}
