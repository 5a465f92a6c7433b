package io.chunking.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chunking.connectors.SourceException;

class CsvParserTests {

	private static final String OBJECT = "s3://in/test.csv";

	@Test
	void quotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws IOException {
		List<CsvParser.Record> records = parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n", ',');
		assertThat(records).containsExactly(
				new CsvParser.Record(1, List.of("a", "b,c", "say \"hi\""), null),
				new CsvParser.Record(2, List.of("two\nlines", "", "x"), null));
	}

	@Test
	void recordsStartOnTheLineOfTheirFirstCharacterAndBlankLinesAreSkipped() throws IOException {
		List<CsvParser.Record> records = parse("\uFEFFh1;h2\n\n\"x\r\ny\";1\r\rlast;2", ';');
		assertThat(records).containsExactly(
				new CsvParser.Record(1, List.of("h1", "h2"), null),
				new CsvParser.Record(3, List.of("x\r\ny", "1"), null),
				new CsvParser.Record(6, List.of("last", "2"), null));
	}

	@Test
	void quoteInsideAnUnquotedFieldIsKept() throws IOException {
		assertThat(parse("5\" disk,ok\n", ',')).containsExactly(new CsvParser.Record(1, List.of("5\" disk", "ok"),
				null));
	}

	@Test
	void textAfterAClosingQuoteIsAnErrorOfThatRecordOnly() throws IOException {
		assertThat(parse("\"a\"b,c\nd,e\n", ',')).containsExactly(
				new CsvParser.Record(1, List.of(), "unexpected 'b' after the closing quote of field 1 (a quote inside "
						+ "a quoted field must be doubled)"),
				new CsvParser.Record(2, List.of("d", "e"), null));
	}

	@Test
	void quoteOpenAtTheEndOfTheObjectIsAnError() throws IOException {
		assertThat(parse("a,b\nc,\"d\ne,f\n", ',')).containsExactly(
				new CsvParser.Record(1, List.of("a", "b"), null),
				new CsvParser.Record(2, List.of(), "unterminated quote: field 2, opened at line 2, runs to the end "
						+ "of the object"));
	}

	@Test
	void recordLongerThanTheLimitFailsTheSource() {
		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> parse("a,b\n\"" + "x".repeat(100), ',', 50))
			.withMessage("Cannot read s3://in/test.csv: the record at line 2 is longer than 50 characters (a missing "
					+ "line break or an unterminated quote?); raise maxRecordLength(..) if records are that long");
	}

	@Test
	void linesEndAtAnyLineBreakAndEmptyLinesCount() throws IOException {
		TextInput input = new TextInput(OBJECT, new StringReader("a\r\n\nb\rc"), 100);
		List<String> lines = new ArrayList<>();
		List<Long> numbers = new ArrayList<>();
		while (true) {
			long line = input.line();
			String text = input.readLine();
			if (text == null) {
				break;
			}
			lines.add(text);
			numbers.add(line);
		}
		assertThat(lines).containsExactly("a", "", "b", "c");
		assertThat(numbers).containsExactly(1L, 2L, 3L, 4L);
	}

	private static List<CsvParser.Record> parse(String text, char delimiter) throws IOException {
		return parse(text, delimiter, 1000);
	}

	private static List<CsvParser.Record> parse(String text, char delimiter, int maxRecordLength) throws IOException {
		CsvParser parser = new CsvParser(new TextInput(OBJECT, new StringReader(text), maxRecordLength), delimiter);
		List<CsvParser.Record> records = new ArrayList<>();
		for (CsvParser.Record record = parser.next(); record != null; record = parser.next()) {
			records.add(record);
		}
		return records;
	}

}
