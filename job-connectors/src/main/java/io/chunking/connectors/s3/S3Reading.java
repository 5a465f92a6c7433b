package io.chunking.connectors.s3;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import io.chunking.connectors.SourceException;
import io.chunking.job.JobArguments;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The reading half shared by the S3 sources: resolves the location of a run, lists its objects in key order (paged,
 * lazily), streams each through gzip and text decoding with bounded buffers, and hands its text to a format that
 * yields records. A failure becomes a {@link SourceException} naming the object (or prefix) and the problem.
 */
final class S3Reading {

	/** Times one object's GET is resumed after its connection broke. */
	static final int MAX_RESUMES = 3;

	private static final int BYTE_BUFFER = 64 * 1024;

	/** Reads the records of one object's text. */
	@FunctionalInterface
	interface Format<R> {

		RecordReader<R> open(TextInput text) throws IOException;

	}

	/** The records of one object, one at a time. */
	@FunctionalInterface
	interface RecordReader<R> {

		/** The next record, or {@code null} at the end of the object. */
		@Nullable R next() throws IOException;

	}

	private final S3Client s3;

	private final Function<JobArguments, S3Location> location;

	private final ReadOptions options;

	S3Reading(S3Client s3, Function<JobArguments, S3Location> location, ReadOptions options) {
		Assert.notNull(s3, "s3 client must not be null");
		Assert.notNull(location, "location must not be null");
		this.s3 = s3;
		this.location = location;
		this.options = options;
	}

	ReadOptions options() {
		return this.options;
	}

	S3Reading with(ReadOptions options) {
		return new S3Reading(this.s3, this.location, options);
	}

	/** The records of every object of the run's location, in key order; closing the stream closes the object read. */
	<R> Stream<R> records(JobArguments arguments, Format<R> format) {
		S3Location resolved;
		try {
			resolved = this.location.apply(arguments);
		}
		catch (RuntimeException ex) {
			throw new SourceException("The location function of the S3 source failed for arguments " + arguments
					+ ": " + ex.getMessage(), ex);
		}
		if (resolved == null) {
			throw new SourceException("The location function of the S3 source returned null for arguments "
					+ arguments);
		}
		Records<R> records = new Records<>(resolved, format);
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(records::close);
	}

	private Iterator<String> keys(S3Location location) {
		if (!location.isPrefix()) {
			return List.of(location.key()).iterator();
		}
		try {
			Iterator<String> keys = this.s3
				.listObjectsV2Paginator((request) -> request.bucket(location.bucket()).prefix(location.key()))
				.contents()
				.stream()
				.map(S3Object::key)
				.filter((key) -> !key.endsWith("/"))
				.iterator();
			if (!keys.hasNext()) {
				throw new SourceException("Cannot read " + location + ": no object under this prefix; check the "
						+ "bucket and the prefix");
			}
			return keys;
		}
		catch (SdkException ex) {
			throw new SourceException("Cannot read " + location + ": " + S3Errors.problem(ex, location.bucket()), ex);
		}
	}

	private TextInput open(S3Location location, String key) throws IOException {
		String uri = location.uriOf(key);
		InputStream raw = new ResumingInputStream(new ObjectOpener(this.s3, location.bucket(), key), MAX_RESUMES,
				ResumingInputStream.RESUME_PAUSE_MILLIS);
		BufferedInputStream buffered = new BufferedInputStream(raw, BYTE_BUFFER);
		try {
			InputStream bytes = isGzip(key, buffered) ? gunzip(uri, buffered) : buffered;
			InputStreamReader text = new InputStreamReader(bytes, this.options.charset()
				.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT));
			return new TextInput(uri, text, this.options.maxRecordLength());
		}
		catch (IOException | RuntimeException ex) {
			buffered.close();
			throw ex;
		}
	}

	private InputStream gunzip(String uri, InputStream bytes) throws IOException {
		try {
			return new GZIPInputStream(bytes, BYTE_BUFFER);
		}
		catch (ZipException | EOFException ex) {
			String problem = (ex instanceof EOFException) ? "it ends before a gzip header" : ex.getMessage();
			throw new SourceException("Cannot read " + uri + ": it is not gzip (" + problem + ") although "
					+ ((this.options.gzip() != null) ? "the source is set to gzip(true)" : "its key ends with .gz"),
					ex);
		}
	}

	private boolean isGzip(String key, BufferedInputStream bytes) throws IOException {
		if (this.options.gzip() != null) {
			return this.options.gzip();
		}
		if (key.endsWith(".gz")) {
			return true;
		}
		bytes.mark(2);
		int first = bytes.read();
		int second = bytes.read();
		bytes.reset();
		return first == 0x1f && second == 0x8b;
	}

	/** GETs one object from an offset; a resumed GET must find the object unchanged (same ETag). */
	static final class ObjectOpener implements ResumingInputStream.Opener {

		private final S3Client s3;

		private final String bucket;

		private final String key;

		private @Nullable String eTag;

		private long length = -1;

		ObjectOpener(S3Client s3, String bucket, String key) {
			this.s3 = s3;
			this.bucket = bucket;
			this.key = key;
		}

		@Override
		public InputStream open(long offset) {
			if (offset > 0 && offset == this.length) {
				return InputStream.nullInputStream();
			}
			GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(this.bucket).key(this.key);
			if (offset > 0) {
				request.range("bytes=" + offset + "-").ifMatch(this.eTag);
			}
			ResponseInputStream<GetObjectResponse> object = this.s3.getObject(request.build());
			if (offset == 0) {
				this.eTag = object.response().eTag();
				Long contentLength = object.response().contentLength();
				this.length = (contentLength != null) ? contentLength : -1;
			}
			return object;
		}

	}

	/** The records of the objects of one location, read one object after the other. */
	private final class Records<R> implements Iterator<R> {

		private final S3Location location;

		private final Format<R> format;

		private @Nullable Iterator<String> keys;

		private @Nullable TextInput text;

		private @Nullable RecordReader<R> reader;

		private @Nullable R next;

		private boolean closed;

		Records(S3Location location, Format<R> format) {
			this.location = location;
			this.format = format;
		}

		@Override
		public boolean hasNext() {
			if (this.next == null && !this.closed) {
				this.next = advance();
			}
			return this.next != null;
		}

		@Override
		public R next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			R record = this.next;
			this.next = null;
			return record;
		}

		private @Nullable R advance() {
			while (true) {
				if (this.reader == null && !openNext()) {
					return null;
				}
				TextInput current = this.text;
				try {
					R record = this.reader.next();
					if (record != null) {
						return record;
					}
				}
				catch (IOException ex) {
					close();
					throw failure(current.object(), current.line(), ex);
				}
				catch (SdkException ex) {
					close();
					throw current.failure(S3Errors.problem(ex, this.location.bucket()), ex);
				}
				catch (RuntimeException ex) {
					close();
					throw ex;
				}
				closeObject();
			}
		}

		private boolean openNext() {
			if (this.keys == null) {
				this.keys = keys(this.location);
			}
			String key;
			try {
				if (!this.keys.hasNext()) {
					return false;
				}
				key = this.keys.next();
			}
			catch (SdkException ex) {
				throw new SourceException("Cannot read " + this.location + ": listing failed: "
						+ S3Errors.problem(ex, this.location.bucket()), ex);
			}
			String uri = this.location.uriOf(key);
			try {
				this.text = open(this.location, key);
				this.reader = this.format.open(this.text);
				return true;
			}
			catch (SdkException ex) {
				close();
				throw new SourceException("Cannot read " + uri + ": " + S3Errors.problem(ex, this.location.bucket()),
						ex);
			}
			catch (IOException ex) {
				long line = (this.text != null) ? this.text.line() : 1;
				close();
				throw failure(uri, line, ex);
			}
			catch (RuntimeException ex) {
				close();
				throw ex;
			}
		}

		private SourceException failure(String uri, long line, IOException ex) {
			if (ex instanceof CharacterCodingException) {
				return new SourceException("Cannot read " + uri + ": it is not valid "
						+ S3Reading.this.options.charset() + " text near line " + line
						+ "; set the source's charset(..)", ex);
			}
			return new SourceException("Cannot read " + uri + ": reading failed near line " + line + ": "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()), ex);
		}

		private void closeObject() {
			TextInput current = this.text;
			this.text = null;
			this.reader = null;
			if (current != null) {
				try {
					current.close();
				}
				catch (IOException ex) {
					// Read to its end or given up: nothing more is needed from it.
				}
			}
		}

		void close() {
			this.closed = true;
			closeObject();
		}

	}

}
