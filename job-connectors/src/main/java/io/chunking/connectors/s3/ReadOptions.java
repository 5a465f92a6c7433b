package io.chunking.connectors.s3;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * How an S3 source decodes its objects.
 *
 * @param gzip {@code true} or {@code false} to force, {@code null} to detect per object (a {@code .gz} key or the
 * gzip magic bytes)
 * @param charset text encoding; bytes that are not valid in it fail the source
 * @param maxRecordLength longest record, in characters: a longer one (a line without end, an unterminated quote)
 * fails the source rather than filling the master's memory
 */
record ReadOptions(@Nullable Boolean gzip, Charset charset, int maxRecordLength) {

	/** Default longest record: 1 Mi characters. */
	static final int DEFAULT_MAX_RECORD_LENGTH = 1 << 20;

	static final ReadOptions DEFAULTS = new ReadOptions(null, StandardCharsets.UTF_8, DEFAULT_MAX_RECORD_LENGTH);

	ReadOptions withGzip(boolean gzip) {
		return new ReadOptions(gzip, this.charset, this.maxRecordLength);
	}

	ReadOptions withCharset(Charset charset) {
		Assert.notNull(charset, "charset must not be null");
		return new ReadOptions(this.gzip, charset, this.maxRecordLength);
	}

	ReadOptions withMaxRecordLength(int maxRecordLength) {
		Assert.isTrue(maxRecordLength > 0, () -> "maxRecordLength must be positive, was " + maxRecordLength);
		return new ReadOptions(this.gzip, this.charset, maxRecordLength);
	}

}
