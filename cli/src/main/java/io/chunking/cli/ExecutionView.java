package io.chunking.cli;

import static io.chunking.cli.JsonFields.shown;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * One execution as text, as {@code show} and {@code run --follow} print it.
 */
final class ExecutionView {

	private ExecutionView() {
	}

	static String render(JsonNode execution) {
		JsonNode chunks = execution.path("chunks");
		JsonNode items = execution.path("items");
		JsonNode parameters = execution.path("parameters");
		StringBuilder out = new StringBuilder();
		out.append("Execution ").append(shown(execution, "id")).append(" of ").append(shown(execution, "jobName"))
			.append(": ").append(shown(execution, "status")).append('\n');
		out.append("  parameters: ").append(parameters.isObject() ? parameters.toString() : "{}").append('\n');
		if (execution.hasNonNull("schedule")) {
			out.append("  schedule:   ").append(shown(execution, "schedule")).append(" fired for ")
				.append(shown(execution, "fireTime")).append('\n');
		}
		out.append("  started:    ").append(shown(execution, "startTime")).append("  ended: ")
			.append(shown(execution, "endTime")).append('\n');
		out.append("  chunks:     ").append(chunks.path("succeeded").asLong()).append(" succeeded, ")
			.append(chunks.path("running").asLong()).append(" running, ").append(chunks.path("pending").asLong())
			.append(" pending, ").append(chunks.path("failed").asLong()).append(" failed, ")
			.append(chunks.path("dead").asLong()).append(" dead, ").append(chunks.path("total").asLong())
			.append(" total (").append(execution.path("progress").asDouble()).append("%)\n");
		out.append("  items:      ").append(items.path("read").asLong()).append(" read, ")
			.append(items.path("written").asLong()).append(" written, ").append(items.path("skipped").asLong())
			.append(" skipped; ").append(execution.path("itemsPerSecond").isNumber()
					? String.format(Locale.ROOT, "%.1f", execution.path("itemsPerSecond").asDouble()) : "-")
			.append(" items/s\n");
		if (execution.hasNonNull("exitDescription") && !execution.path("exitDescription").asString().isEmpty()) {
			out.append("  exit:       ").append(shown(execution, "exitCode")).append(": ")
				.append(shown(execution, "exitDescription")).append('\n');
		}
		JsonNode result = execution.path("result");
		if (result.isObject() && !result.isEmpty()) {
			out.append("  result:\n").append(result.toPrettyString().indent(4));
		}
		else {
			out.append("  result:     {}\n");
		}
		return out.toString();
	}

}
