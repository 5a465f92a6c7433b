package io.chunking.connectors.s3;

import java.util.Map;
import java.util.function.Function;

import org.springframework.util.Assert;

import io.chunking.job.JobArguments;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Sources of chunked jobs that read S3 objects: one object, or every object under a prefix in key order, in any
 * bucket the given client can read. The master streams each object (through gzip if it is compressed) and slices
 * its lines or rows into chunks without holding the object in memory; workers parse each record into an item, so a
 * record that cannot be parsed is skipped with its position ({@code s3://bucket/key:line}). A source that cannot be
 * read (a missing object or bucket, an empty prefix, refused credentials, a malformed CSV header) fails the execution
 * while slicing with a {@link io.chunking.connectors.SourceException} naming the object and the problem.
 *
 * <pre class="code">
 * ChunkedJob.named("import-orders")
 *     .items(S3Source.csv(s3, S3Location.parse("s3://acme-in/orders.csv.gz"), Order.class))
 *     .processor(orderService::importOrder)
 *     .build();
 * </pre>
 *
 * The location may depend on the run's arguments:
 * {@code S3Source.ndjson(s3, (args) -> S3Location.parse(args.getString("input")), Event.class)}.
 */
public final class S3Source {

	private S3Source() {
	}

	/** The lines of the objects at {@code location}, as strings. */
	public static S3LinesSource lines(S3Client s3, S3Location location) {
		return lines(s3, fixed(location));
	}

	/** The lines of the objects at the location of each run, as strings. */
	public static S3LinesSource lines(S3Client s3, Function<JobArguments, S3Location> location) {
		return new S3LinesSource(reading(s3, location));
	}

	/** The lines of the objects at {@code location}, each a JSON value read into an {@code itemType}. */
	public static <I> S3NdjsonSource<I> ndjson(S3Client s3, S3Location location, Class<I> itemType) {
		return ndjson(s3, fixed(location), itemType);
	}

	/** The lines of the objects at the location of each run, each a JSON value read into an {@code itemType}. */
	public static <I> S3NdjsonSource<I> ndjson(S3Client s3, Function<JobArguments, S3Location> location,
			Class<I> itemType) {
		return S3NdjsonSource.of(reading(s3, location), itemType);
	}

	/** The rows of the CSV objects at {@code location}, each mapped by column names to a Java record. */
	public static <I> S3CsvSource<I> csv(S3Client s3, S3Location location, Class<I> recordType) {
		return csv(s3, fixed(location), recordType);
	}

	/** The rows of the CSV objects at the location of each run, each mapped by column names to a Java record. */
	public static <I> S3CsvSource<I> csv(S3Client s3, Function<JobArguments, S3Location> location,
			Class<I> recordType) {
		return S3CsvSource.ofRecords(reading(s3, location), recordType);
	}

	/**
	 * The rows of the CSV objects at {@code location}, each given to {@code rowMapper} as a map from header names
	 * (trimmed) to values, in header order.
	 */
	public static <I> S3CsvSource<I> csv(S3Client s3, S3Location location,
			Function<Map<String, String>, ? extends I> rowMapper) {
		return csv(s3, fixed(location), rowMapper);
	}

	/**
	 * The rows of the CSV objects at the location of each run, each given to {@code rowMapper} as a map from header
	 * names (trimmed) to values, in header order.
	 */
	public static <I> S3CsvSource<I> csv(S3Client s3, Function<JobArguments, S3Location> location,
			Function<Map<String, String>, ? extends I> rowMapper) {
		return S3CsvSource.ofRows(reading(s3, location), rowMapper);
	}

	private static Function<JobArguments, S3Location> fixed(S3Location location) {
		Assert.notNull(location, "location must not be null");
		return (arguments) -> location;
	}

	private static S3Reading reading(S3Client s3, Function<JobArguments, S3Location> location) {
		return new S3Reading(s3, location, ReadOptions.DEFAULTS);
	}

}
