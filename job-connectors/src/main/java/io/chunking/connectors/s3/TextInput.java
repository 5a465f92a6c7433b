package io.chunking.connectors.s3;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

import org.jspecify.annotations.Nullable;

import io.chunking.connectors.SourceException;

/**
 * The text of one object, read a character at a time through a fixed buffer, counting lines: a line ends at
 * {@code \n}, {@code \r\n} or a lone {@code \r}. A byte order mark at the start is skipped.
 */
final class TextInput implements Closeable {

	private static final int BUFFER = 8192;

	private final String object;

	private final Reader reader;

	private final int maxRecordLength;

	private final char[] buffer = new char[BUFFER];

	private int position;

	private int limit;

	private long line = 1;

	/**
	 * @param object the object's URI, as messages name it
	 * @param reader its decoded text
	 * @param maxRecordLength longest record, in characters
	 */
	TextInput(String object, Reader reader, int maxRecordLength) throws IOException {
		this.object = object;
		this.reader = reader;
		this.maxRecordLength = maxRecordLength;
		if (peek() == '\uFEFF') {
			this.position++;
		}
	}

	/** The object's URI. */
	String object() {
		return this.object;
	}

	/** Line number of the next character, from 1. */
	long line() {
		return this.line;
	}

	int maxRecordLength() {
		return this.maxRecordLength;
	}

	/** The next character without consuming it, or -1 at the end. */
	int peek() throws IOException {
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		return this.buffer[this.position];
	}

	/** The next character, or -1 at the end. */
	int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		char c = this.buffer[this.position++];
		if (c == '\n' || (c == '\r' && peek() != '\n')) {
			this.line++;
		}
		return c;
	}

	/** Consumes the line break of which {@code c}, just read, is the first character. */
	void endLine(int c) throws IOException {
		if (c == '\r' && peek() == '\n') {
			read();
		}
	}

	/**
	 * The next line without its line break, or {@code null} at the end. Text that ends with a line break has no empty
	 * last line.
	 */
	@Nullable String readLine() throws IOException {
		if (peek() < 0) {
			return null;
		}
		long start = this.line;
		StringBuilder text = new StringBuilder();
		int c = read();
		while (c >= 0 && c != '\n' && c != '\r') {
			if (text.length() == this.maxRecordLength) {
				throw tooLong(start);
			}
			text.append((char) c);
			c = read();
		}
		endLine(c);
		return text.toString();
	}

	/** The failure of a record longer than {@link #maxRecordLength()} that starts at {@code line}. */
	SourceException tooLong(long line) {
		return failure("the record at line " + line + " is longer than " + this.maxRecordLength
				+ " characters (a missing line break or an unterminated quote?); raise maxRecordLength(..) if "
				+ "records are that long");
	}

	/** A failure of this object: {@code Cannot read s3://bucket/key: problem}. */
	SourceException failure(String problem) {
		return failure(problem, null);
	}

	/** A failure of this object caused by {@code cause}. */
	SourceException failure(String problem, @Nullable Throwable cause) {
		return new SourceException("Cannot read " + this.object + ": " + problem, cause);
	}

	private boolean fill() throws IOException {
		int read = this.reader.read(this.buffer, 0, BUFFER);
		while (read == 0) {
			read = this.reader.read(this.buffer, 0, BUFFER);
		}
		this.position = 0;
		this.limit = Math.max(read, 0);
		return read > 0;
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

}
