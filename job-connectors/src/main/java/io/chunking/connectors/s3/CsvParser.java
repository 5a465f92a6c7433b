package io.chunking.connectors.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Splits CSV text into records as RFC 4180 describes them: fields separated by a delimiter, a field in double quotes
 * may hold delimiters, line breaks and doubled quotes ({@code ""} for one), and a record then spans lines. Lenient
 * where the RFC is silent: a quote inside an unquoted field is kept as it is; blank lines are skipped. A record that
 * cannot be split (text after a closing quote, a quote still open at the end of the object) is returned with an
 * error, never dropped.
 */
final class CsvParser {

	private static final char QUOTE = '"';

	private final TextInput input;

	private final char delimiter;

	CsvParser(TextInput input, char delimiter) {
		this.input = input;
		this.delimiter = delimiter;
	}

	/**
	 * One record of CSV text.
	 *
	 * @param line line number of the record's first line
	 * @param fields its fields, empty if it has an error
	 * @param error why it could not be split, or {@code null}
	 */
	record Record(long line, List<String> fields, @Nullable String error) {
	}

	private enum State {

		START, UNQUOTED, QUOTED, CLOSED

	}

	/** The next record, or {@code null} at the end of the text. */
	@Nullable Record next() throws IOException {
		int c = this.input.peek();
		while (c == '\n' || c == '\r') {
			this.input.endLine(this.input.read());
			c = this.input.peek();
		}
		if (c < 0) {
			return null;
		}
		long start = this.input.line();
		long quoteLine = start;
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		String error = null;
		State state = State.START;
		int length = 0;
		while (true) {
			c = this.input.read();
			if (c < 0) {
				if (state == State.QUOTED) {
					return new Record(start, List.of(), "unterminated quote: field " + (fields.size() + 1)
							+ ", opened at line " + quoteLine + ", runs to the end of the object");
				}
				break;
			}
			if (++length > this.input.maxRecordLength()) {
				throw this.input.tooLong(start);
			}
			if (state == State.QUOTED) {
				if (c != QUOTE) {
					field.append((char) c);
				}
				else if (this.input.peek() == QUOTE) {
					this.input.read();
					field.append(QUOTE);
				}
				else {
					state = State.CLOSED;
				}
			}
			else if (c == this.delimiter) {
				fields.add(field.toString());
				field.setLength(0);
				state = State.START;
			}
			else if (c == '\n' || c == '\r') {
				this.input.endLine(c);
				break;
			}
			else if (state == State.START && c == QUOTE) {
				state = State.QUOTED;
				quoteLine = this.input.line();
			}
			else {
				if (state == State.CLOSED && error == null) {
					error = "unexpected '" + (char) c + "' after the closing quote of field " + (fields.size() + 1)
							+ " (a quote inside a quoted field must be doubled)";
				}
				field.append((char) c);
				state = (state == State.CLOSED) ? State.CLOSED : State.UNQUOTED;
			}
		}
		fields.add(field.toString());
		return (error != null) ? new Record(start, List.of(), error) : new Record(start, fields, null);
	}

}
