package io.chunking.cli;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * One line of progress of an execution, from its view:
 * {@code [#####-----]  42.0%  840/2000 chunks  running 4  failed 0  dead 0  12345 items/s}.
 */
final class ProgressBar {

	static final int WIDTH = 30;

	private ProgressBar() {
	}

	static String render(JsonNode execution) {
		JsonNode chunks = execution.path("chunks");
		long total = chunks.path("total").asLong(0);
		long done = chunks.path("succeeded").asLong(0) + chunks.path("dead").asLong(0);
		double percent = (total > 0) ? 100.0 * done / total : 0;
		int filled = (int) Math.round(WIDTH * percent / 100);
		JsonNode rate = execution.path("itemsPerSecond");
		return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %d/%d chunks  running %d  failed %d  dead %d  %s items/s  %s",
				"#".repeat(filled), "-".repeat(WIDTH - filled), percent, done, total, chunks.path("running").asLong(0),
				chunks.path("failed").asLong(0), chunks.path("dead").asLong(0),
				rate.isNumber() ? Long.toString(Math.round(rate.asDouble())) : "-",
				execution.path("status").asString(""));
	}

}
