package io.chunking.connectors.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

import software.amazon.awssdk.http.Abortable;

/**
 * The bytes of one object, read through one long GET that is resumed where it broke: when reading fails (a reset
 * connection, a socket timeout, a body cut short), the object is requested again from the byte reached, at most
 * {@code maxResumes} times, after a short pause that grows with each resume. The layers above (gzip, text decoding)
 * never notice. Closed before its end, it aborts the connection rather than draining the rest of the object.
 */
final class ResumingInputStream extends InputStream {

	/** Pause before the first resume; the n-th waits n times as long. */
	static final long RESUME_PAUSE_MILLIS = 200;

	/** Opens the object from a byte offset. */
	@FunctionalInterface
	interface Opener {

		InputStream open(long offset) throws IOException;

	}

	private final Opener opener;

	private final int maxResumes;

	private final long pauseMillis;

	private InputStream current;

	private long offset;

	private int resumes;

	private boolean ended;

	ResumingInputStream(Opener opener, int maxResumes, long pauseMillis) throws IOException {
		this.opener = opener;
		this.maxResumes = maxResumes;
		this.pauseMillis = pauseMillis;
		this.current = opener.open(0);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int read = read(one, 0, 1);
		return (read < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int from, int length) throws IOException {
		while (true) {
			try {
				int read = this.current.read(buffer, from, length);
				if (read < 0) {
					this.ended = true;
				}
				else {
					this.offset += read;
				}
				return read;
			}
			catch (InterruptedIOException ex) {
				throw ex;
			}
			catch (IOException ex) {
				resume(ex);
			}
		}
	}

	/** Bytes read so far. */
	long offset() {
		return this.offset;
	}

	private void resume(IOException failure) throws IOException {
		if (this.resumes == this.maxResumes) {
			throw new IOException("reading broke off at byte " + this.offset + " after " + this.resumes
					+ " resumes: " + failure.getMessage(), failure);
		}
		this.resumes++;
		abort();
		try {
			Thread.sleep(this.pauseMillis * this.resumes);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while resuming at byte " + this.offset);
		}
		this.current = this.opener.open(this.offset);
	}

	private void abort() {
		if (this.current instanceof Abortable abortable) {
			abortable.abort();
		}
		try {
			this.current.close();
		}
		catch (IOException ex) {
			// The connection is being given up.
		}
	}

	@Override
	public void close() throws IOException {
		if (this.ended) {
			this.current.close();
		}
		else {
			abort();
		}
	}

}
