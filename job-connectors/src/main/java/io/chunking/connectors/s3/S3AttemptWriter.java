package io.chunking.connectors.s3;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.util.Assert;

import io.chunking.connectors.SinkException;
import io.chunking.job.AttemptWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The writer of one chunk attempt of an {@link S3Sink}: appends the outputs to a temp file and uploads it as one
 * object when the attempt succeeded. Each {@link #write} encodes all its outputs before appending any, so a write
 * that fails on one output (as Spring Batch's fault-tolerant scan then re-writes them one by one) appends nothing.
 * The temp file is deleted after the upload or the abort.
 */
final class S3AttemptWriter<O> implements AttemptWriter<O> {

	private static final int BUFFER = 64 * 1024;

	private enum State {

		OPEN, BROKEN, COMMITTED, ABORTED

	}

	private final S3Client s3;

	private final String bucket;

	private final String key;

	private final OutputFormat<O> format;

	private final boolean gzip;

	private final Path file;

	private final OutputStream out;

	private ByteArrayOutputStream encoded = new ByteArrayOutputStream(BUFFER);

	private State state = State.OPEN;

	S3AttemptWriter(S3Client s3, String bucket, String key, OutputFormat<O> format, boolean gzip, Path tempDir)
			throws IOException {
		this.s3 = s3;
		this.bucket = bucket;
		this.key = key;
		this.format = format;
		this.gzip = gzip;
		Files.createDirectories(tempDir);
		this.file = Files.createTempFile(tempDir, "chunking-s3-", "." + format.name() + (gzip ? ".gz" : ""));
		OutputStream out = null;
		try {
			out = new BufferedOutputStream(Files.newOutputStream(this.file), BUFFER);
			if (gzip) {
				out = new GZIPOutputStream(out, BUFFER);
			}
			format.writeHeader(out);
			this.out = out;
		}
		catch (IOException | RuntimeException ex) {
			if (out != null) {
				out.close();
			}
			Files.deleteIfExists(this.file);
			throw ex;
		}
	}

	/** {@code s3://bucket/key} of the attempt's object. */
	String uri() {
		return "s3://" + this.bucket + "/" + this.key;
	}

	@Override
	public void write(Chunk<? extends O> outputs) throws IOException {
		Assert.state(this.state == State.OPEN, () -> "The writer of " + uri() + " is " + this.state
				+ "; it takes no more outputs");
		this.encoded.reset();
		for (O output : outputs) {
			this.format.encode(output, this.encoded);
		}
		try {
			this.encoded.writeTo(this.out);
		}
		catch (IOException ex) {
			this.state = State.BROKEN;
			throw new SinkException("Writing the outputs of " + uri() + " to temp file " + this.file + " failed: "
					+ ex.getMessage(), ex);
		}
		if (this.encoded.size() > 16 * BUFFER) {
			this.encoded = new ByteArrayOutputStream(BUFFER);
		}
	}

	/** Uploads the attempt's object, with every output written, or only the header if there were none. */
	@Override
	public void commit() {
		Assert.state(this.state == State.OPEN, () -> "The writer of " + uri() + " is " + this.state
				+ "; it cannot commit");
		try {
			this.out.close();
			String contentType = this.gzip ? "application/gzip" : this.format.contentType();
			this.s3.putObject((request) -> request.bucket(this.bucket).key(this.key).contentType(contentType),
					RequestBody.fromFile(this.file));
			this.state = State.COMMITTED;
		}
		catch (IOException ex) {
			this.state = State.BROKEN;
			throw new SinkException("Writing the outputs of " + uri() + " to temp file " + this.file + " failed: "
					+ ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			this.state = State.BROKEN;
			throw new SinkException("Uploading " + uri() + " failed: " + S3Errors.problem(ex, this.bucket), ex);
		}
		finally {
			delete();
		}
	}

	@Override
	public void abort() {
		if (this.state == State.OPEN || this.state == State.BROKEN) {
			this.state = State.ABORTED;
			try {
				this.out.close();
			}
			catch (IOException ex) {
				// The outputs are dropped.
			}
		}
		delete();
	}

	private void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// A temp file left behind; the attempt's outcome stands.
		}
	}

}
