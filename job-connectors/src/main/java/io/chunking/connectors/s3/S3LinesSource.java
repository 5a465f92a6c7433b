package io.chunking.connectors.s3;

import java.nio.charset.Charset;
import java.util.stream.Stream;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;

/**
 * The lines of S3 objects as items, one {@link String} per line without its line break. Every line counts, empty
 * ones included, so positions match the line numbers of the object. Create it with
 * {@link S3Source#lines(software.amazon.awssdk.services.s3.S3Client, S3Location)}; it is immutable, each option
 * returns a new source.
 */
public final class S3LinesSource implements RecordSource<S3Line, String> {

	private final S3Reading reading;

	S3LinesSource(S3Reading reading) {
		this.reading = reading;
	}

	/** Reads every object as gzip ({@code true}) or plain ({@code false}); by default each is detected. */
	public S3LinesSource gzip(boolean gzip) {
		return new S3LinesSource(this.reading.with(this.reading.options().withGzip(gzip)));
	}

	/** Text encoding of the objects; defaults to UTF-8. Bytes that are not valid in it fail the source. */
	public S3LinesSource charset(Charset charset) {
		return new S3LinesSource(this.reading.with(this.reading.options().withCharset(charset)));
	}

	/**
	 * Longest line, in characters; a longer one fails the source rather than filling the master's memory. Defaults
	 * to {@value ReadOptions#DEFAULT_MAX_RECORD_LENGTH}.
	 */
	public S3LinesSource maxRecordLength(int maxRecordLength) {
		return new S3LinesSource(this.reading.with(this.reading.options().withMaxRecordLength(maxRecordLength)));
	}

	@Override
	public Class<S3Line> recordType() {
		return S3Line.class;
	}

	@Override
	public Stream<S3Line> records(JobArguments arguments) {
		return this.reading.records(arguments, lines(false));
	}

	/** The lines of each object, numbered from 1, blank ones left out if {@code skipBlank}. */
	static S3Reading.Format<S3Line> lines(boolean skipBlank) {
		return (text) -> () -> {
			while (true) {
				long line = text.line();
				String content = text.readLine();
				if (content == null) {
					return null;
				}
				if (!skipBlank || !content.isBlank()) {
					return new S3Line(text.object(), line, content);
				}
			}
		};
	}

	@Override
	public String read(S3Line record) {
		return record.text();
	}

	/** {@code s3://bucket/key:line}. */
	@Override
	public String position(S3Line record) {
		return record.object() + ":" + record.line();
	}

}
