package io.chunking.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: columns as wide as their widest cell, cells longer than {@link #MAX_CELL} cut with an
 * ellipsis.
 */
final class Table {

	static final int MAX_CELL = 60;

	private final List<String> headers;

	private final List<List<String>> rows = new ArrayList<>();

	Table(String... headers) {
		this.headers = List.of(headers);
	}

	Table row(Object... cells) {
		if (cells.length != this.headers.size()) {
			throw new IllegalArgumentException("Expected " + this.headers.size() + " cells, got " + cells.length);
		}
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add(cut((cell != null) ? cell.toString() : "-"));
		}
		this.rows.add(row);
		return this;
	}

	static String cut(String text) {
		String single = text.replace('\n', ' ');
		return (single.length() <= MAX_CELL) ? single : single.substring(0, MAX_CELL - 1) + "…";
	}

	String render() {
		int[] widths = new int[this.headers.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.headers.get(i).length();
			for (List<String> row : this.rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder out = new StringBuilder();
		line(out, this.headers, widths);
		for (List<String> row : this.rows) {
			line(out, row, widths);
		}
		if (this.rows.isEmpty()) {
			out.append("(none)\n");
		}
		return out.toString();
	}

	private static void line(StringBuilder out, List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				line.append("  ");
			}
			line.append(cells.get(i));
			if (i < cells.size() - 1) {
				line.append(" ".repeat(widths[i] - cells.get(i).length()));
			}
		}
		out.append(line.toString().stripTrailing()).append('\n');
	}

}
