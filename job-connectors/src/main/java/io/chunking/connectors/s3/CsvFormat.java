package io.chunking.connectors.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Outputs as CSV (RFC 4180 quoting, {@code \n} line breaks, UTF-8): a header line of column names, then one line per
 * output. A value is written with {@code toString()}, except {@code null} (empty), a {@code BigDecimal} (plain, no
 * exponent) and an enum (its name); it is quoted if it holds the delimiter, a quote or a line break.
 */
record CsvFormat<O>(List<String> columns, Function<? super O, ? extends List<?>> values, char delimiter)
		implements OutputFormat<O> {

	CsvFormat {
		Assert.notEmpty(columns, "columns must not be empty");
		Assert.noNullElements(columns, "columns must not hold null");
		Assert.notNull(values, "values must not be null");
		columns = List.copyOf(columns);
	}

	/** The columns of a record type: its component names, and their values in order. */
	static <O> CsvFormat<O> of(Class<O> recordType, char delimiter) {
		Assert.notNull(recordType, "recordType must not be null");
		Assert.isTrue(recordType.isRecord(), () -> recordType.getName() + " must be a Java record to take the CSV "
				+ "columns from its components; give the columns and a values function for other types");
		RecordComponent[] components = recordType.getRecordComponents();
		Method[] accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
		for (Method accessor : accessors) {
			accessor.trySetAccessible();
		}
		List<String> columns = Arrays.stream(components).map(RecordComponent::getName).toList();
		return new CsvFormat<>(columns, (output) -> valuesOf(output, accessors), delimiter);
	}

	private static List<@Nullable Object> valuesOf(Object output, Method[] accessors) {
		List<@Nullable Object> values = new ArrayList<>(accessors.length);
		for (Method accessor : accessors) {
			try {
				values.add(accessor.invoke(output));
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException("Reading " + accessor.getName() + " of " + output.getClass().getName()
						+ " failed: " + ex.getMessage(), ex);
			}
		}
		return values;
	}

	CsvFormat<O> withDelimiter(char delimiter) {
		return new CsvFormat<>(this.columns, this.values, delimiter);
	}

	@Override
	public String name() {
		return "csv";
	}

	@Override
	public String contentType() {
		return "text/csv; charset=utf-8";
	}

	@Override
	public void writeHeader(OutputStream out) throws IOException {
		writeLine(this.columns, out);
	}

	@Override
	public void encode(O output, OutputStream out) throws IOException {
		List<?> line = this.values.apply(output);
		if (line == null || line.size() != this.columns.size()) {
			throw new IllegalArgumentException("The values function gave " + ((line != null) ? line.size() : "no")
					+ " values for an output; the CSV has " + this.columns.size() + " columns " + this.columns);
		}
		writeLine(line, out);
	}

	private void writeLine(List<?> values, OutputStream out) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				line.append(this.delimiter);
			}
			appendField(text(values.get(i)), line);
		}
		line.append('\n');
		out.write(line.toString().getBytes(StandardCharsets.UTF_8));
	}

	private void appendField(String value, StringBuilder line) {
		boolean quoted = value.indexOf(this.delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
				|| value.indexOf('\r') >= 0;
		if (!quoted) {
			line.append(value);
			return;
		}
		line.append('"').append(value.replace("\"", "\"\"")).append('"');
	}

	private static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		return value.toString();
	}

}
