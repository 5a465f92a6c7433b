package io.chunking.connectors.s3;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ParseException;
import org.springframework.util.Assert;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV in S3 objects (RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks), each object with a
 * header line naming its columns. The master splits the rows and checks each object's header: a header that is
 * missing, has an empty or duplicate column name, or lacks a column the items need fails the source, naming the
 * object and the column. A row whose field count differs from the header's, or that cannot be split (an
 * unterminated quote), is kept as a row with an error, which the worker reports as a skip at its position. Blank
 * lines are skipped.
 * <p>
 * Items are either Java records, whose components take the columns of their names (matched ignoring case,
 * {@code '_'}, {@code '-'} and spaces; other columns are ignored unless {@link #failOnUnknownColumns(boolean)}),
 * or what a row mapper makes of each row's map from header names to values. Create it with
 * {@link S3Source#csv(software.amazon.awssdk.services.s3.S3Client, S3Location, Class)}; it is immutable, each option
 * returns a new source.
 *
 * @param <I> item type
 */
public final class S3CsvSource<I> implements RecordSource<S3CsvRow, I> {

	/** Default field delimiter. */
	public static final char DEFAULT_DELIMITER = ',';

	private static final JsonMapper DEFAULT_JSON = JsonMapper.builder().build();

	private final S3Reading reading;

	private final CsvMapping<I> mapping;

	private final char delimiter;

	private S3CsvSource(S3Reading reading, CsvMapping<I> mapping, char delimiter) {
		this.reading = reading;
		this.mapping = mapping;
		this.delimiter = delimiter;
	}

	static <I> S3CsvSource<I> ofRecords(S3Reading reading, Class<I> recordType) {
		return new S3CsvSource<>(reading, new RecordMapping<>(recordType, DEFAULT_JSON, false), DEFAULT_DELIMITER);
	}

	static <I> S3CsvSource<I> ofRows(S3Reading reading, Function<Map<String, String>, ? extends I> mapper) {
		Assert.notNull(mapper, "rowMapper must not be null");
		return new S3CsvSource<>(reading, new RowMapping<>(mapper), DEFAULT_DELIMITER);
	}

	/** Field delimiter, e.g. {@code ';'} or {@code '\t'}; defaults to {@value #DEFAULT_DELIMITER}. */
	public S3CsvSource<I> delimiter(char delimiter) {
		Assert.isTrue(delimiter != '"' && delimiter != '\n' && delimiter != '\r',
				() -> "delimiter must not be a quote or a line break, was '" + delimiter + "'");
		return new S3CsvSource<>(this.reading, this.mapping, delimiter);
	}

	/** Reads every object as gzip ({@code true}) or plain ({@code false}); by default each is detected. */
	public S3CsvSource<I> gzip(boolean gzip) {
		return new S3CsvSource<>(this.reading.with(this.reading.options().withGzip(gzip)), this.mapping,
				this.delimiter);
	}

	/** Text encoding of the objects; defaults to UTF-8. Bytes that are not valid in it fail the source. */
	public S3CsvSource<I> charset(Charset charset) {
		return new S3CsvSource<>(this.reading.with(this.reading.options().withCharset(charset)), this.mapping,
				this.delimiter);
	}

	/**
	 * Longest row, in characters; a longer one (often an unterminated quote) fails the source rather than filling the
	 * master's memory. Defaults to {@value ReadOptions#DEFAULT_MAX_RECORD_LENGTH}.
	 */
	public S3CsvSource<I> maxRecordLength(int maxRecordLength) {
		return new S3CsvSource<>(this.reading.with(this.reading.options().withMaxRecordLength(maxRecordLength)),
				this.mapping, this.delimiter);
	}

	/**
	 * Whether a header column that matches no record component fails the source; defaults to {@code false} (the
	 * column is ignored). Only for a source of records.
	 */
	public S3CsvSource<I> failOnUnknownColumns(boolean failOnUnknownColumns) {
		return new S3CsvSource<>(this.reading, recordMapping("failOnUnknownColumns")
			.withFailOnUnknownColumns(failOnUnknownColumns), this.delimiter);
	}

	/** The mapper that converts values to record components; only for a source of records. */
	public S3CsvSource<I> jsonMapper(JsonMapper json) {
		Assert.notNull(json, "jsonMapper must not be null");
		return new S3CsvSource<>(this.reading, recordMapping("jsonMapper").withJson(json), this.delimiter);
	}

	private RecordMapping<I> recordMapping(String option) {
		Assert.state(this.mapping instanceof RecordMapping, () -> option + "(..) applies to a CSV source of records, "
				+ "not to one with a row mapper");
		return (RecordMapping<I>) this.mapping;
	}

	@Override
	public Class<S3CsvRow> recordType() {
		return S3CsvRow.class;
	}

	@Override
	public Stream<S3CsvRow> records(JobArguments arguments) {
		return this.reading.records(arguments, (text) -> {
			CsvParser parser = new CsvParser(text, this.delimiter);
			List<@Nullable String> keys = header(text, parser.next());
			return () -> row(text.object(), parser.next(), keys);
		});
	}

	private List<@Nullable String> header(TextInput text, CsvParser.@Nullable Record header) {
		if (header == null) {
			throw text.failure("malformed CSV header: the object is empty, it has no header line");
		}
		String where = "malformed CSV header (line " + header.line() + "): ";
		if (header.error() != null) {
			throw text.failure(where + header.error());
		}
		List<String> names = new ArrayList<>(header.fields().size());
		for (String field : header.fields()) {
			String name = field.strip();
			if (name.isEmpty()) {
				throw text.failure(where + "column " + (names.size() + 1) + " has no name; the header is "
						+ header.fields());
			}
			names.add(name);
		}
		try {
			return this.mapping.keys(names);
		}
		catch (IllegalArgumentException ex) {
			throw text.failure(where + ex.getMessage(), ex);
		}
	}

	private static @Nullable S3CsvRow row(String object, CsvParser.@Nullable Record row, List<@Nullable String> keys) {
		if (row == null) {
			return null;
		}
		if (row.error() != null) {
			return new S3CsvRow(object, row.line(), null, row.error());
		}
		List<String> values = row.fields();
		if (values.size() != keys.size()) {
			return new S3CsvRow(object, row.line(), null, "the row has " + values.size() + " fields, the header has "
					+ keys.size());
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			String key = keys.get(i);
			if (key != null) {
				fields.put(key, values.get(i));
			}
		}
		return new S3CsvRow(object, row.line(), fields, null);
	}

	@Override
	public I read(S3CsvRow record) throws Exception {
		if (record.error() != null) {
			throw new ParseException("Malformed CSV row: " + record.error());
		}
		Assert.state(record.fields() != null, "A CSV row without error must have fields");
		return this.mapping.map(record.fields());
	}

	/** {@code s3://bucket/key:line}, the line the row starts on. */
	@Override
	public String position(S3CsvRow record) {
		return record.object() + ":" + record.line();
	}

}
