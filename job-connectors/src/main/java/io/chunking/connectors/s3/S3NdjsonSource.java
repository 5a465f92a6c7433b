package io.chunking.connectors.s3;

import java.nio.charset.Charset;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ParseException;
import org.springframework.util.Assert;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Newline-delimited JSON in S3 objects: each line is one JSON value, read on the worker into an item of the given
 * type with Jackson. Blank lines are skipped; a line that is not one value of that type (malformed JSON, a missing
 * property Jackson requires, text after the value, {@code null}) fails its {@link #read} with a
 * {@link ParseException}, so it is skipped with its position. Create it with
 * {@link S3Source#ndjson(software.amazon.awssdk.services.s3.S3Client, S3Location, Class)}; it is immutable, each
 * option returns a new source.
 *
 * @param <I> item type
 */
public final class S3NdjsonSource<I> implements RecordSource<S3Line, I> {

	private static final JsonMapper DEFAULT_JSON = JsonMapper.builder().build();

	private final S3Reading reading;

	private final Class<I> itemType;

	private final ObjectReader json;

	private S3NdjsonSource(S3Reading reading, Class<I> itemType, ObjectReader json) {
		this.reading = reading;
		this.itemType = itemType;
		this.json = json;
	}

	static <I> S3NdjsonSource<I> of(S3Reading reading, Class<I> itemType) {
		Assert.notNull(itemType, "itemType must not be null");
		return new S3NdjsonSource<>(reading, itemType, reader(DEFAULT_JSON, itemType));
	}

	private static ObjectReader reader(JsonMapper json, Class<?> itemType) {
		return json.readerFor(itemType).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/** Reads every object as gzip ({@code true}) or plain ({@code false}); by default each is detected. */
	public S3NdjsonSource<I> gzip(boolean gzip) {
		return with(this.reading.options().withGzip(gzip));
	}

	/** Text encoding of the objects; defaults to UTF-8. Bytes that are not valid in it fail the source. */
	public S3NdjsonSource<I> charset(Charset charset) {
		return with(this.reading.options().withCharset(charset));
	}

	/**
	 * Longest line, in characters; a longer one fails the source rather than filling the master's memory. Defaults
	 * to {@value ReadOptions#DEFAULT_MAX_RECORD_LENGTH}.
	 */
	public S3NdjsonSource<I> maxRecordLength(int maxRecordLength) {
		return with(this.reading.options().withMaxRecordLength(maxRecordLength));
	}

	/** The mapper that reads lines into items, e.g. one with modules or features of the application's. */
	public S3NdjsonSource<I> jsonMapper(JsonMapper json) {
		Assert.notNull(json, "jsonMapper must not be null");
		return new S3NdjsonSource<>(this.reading, this.itemType, reader(json, this.itemType));
	}

	private S3NdjsonSource<I> with(ReadOptions options) {
		return new S3NdjsonSource<>(this.reading.with(options), this.itemType, this.json);
	}

	@Override
	public Class<S3Line> recordType() {
		return S3Line.class;
	}

	@Override
	public Stream<S3Line> records(JobArguments arguments) {
		return this.reading.records(arguments, S3LinesSource.lines(true));
	}

	@Override
	public I read(S3Line record) {
		I item;
		try {
			item = this.json.readValue(record.text());
		}
		catch (JacksonException ex) {
			throw new ParseException("The line is not a JSON " + this.itemType.getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
		if (item == null) {
			throw new ParseException("The line is JSON null, expected a JSON " + this.itemType.getSimpleName());
		}
		return item;
	}

	/** {@code s3://bucket/key:line}. */
	@Override
	public String position(S3Line record) {
		return record.object() + ":" + record.line();
	}

}
