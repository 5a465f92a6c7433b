package io.chunking.cli;

import static io.chunking.cli.JsonFields.text;

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
		StringBuilder out = new StringBuilder();
		out.append("Execution ").append(text(execution, "id")).append(" of ").append(text(execution, "jobName"))
			.append(": ").append(text(execution, "status")).append('\n');
		out.append("  parameters: ").append(execution.path("parameters").toString()).append('\n');
		if (execution.hasNonNull("schedule")) {
			out.append("  schedule:   ").append(text(execution, "schedule")).append(" fired for ")
				.append(text(execution, "fireTime")).append('\n');
		}
		out.append("  started:    ").append(text(execution, "startTime")).append("  ended: ")
			.append(text(execution, "endTime")).append('\n');
		out.append("  chunks:     ").append(chunks.path("succeeded").asLong()).append(" succeeded, ")
			.append(chunks.path("running").asLong()).append(" running, ").append(chunks.path("pending").asLong())
			.append(" pending, ").append(chunks.path("failed").asLong()).append(" failed, ")
			.append(chunks.path("dead").asLong()).append(" dead, ").append(chunks.path("total").asLong())
			.append(" total (").append(execution.path("progress").asDouble()).append("%)\n");
		out.append("  items:      ").append(items.path("read").asLong()).append(" read, ")
			.append(items.path("written").asLong()).append(" written, ").append(items.path("skipped").asLong())
			.append(" skipped; ").append(text(execution, "itemsPerSecond")).append(" items/s\n");
		if (execution.hasNonNull("exitDescription") && !execution.path("exitDescription").asString().isEmpty()) {
			out.append("  exit:       ").append(text(execution, "exitCode")).append(": ")
				.append(text(execution, "exitDescription")).append('\n');
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
