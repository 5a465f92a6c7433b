package io.chunking.cli;

import static io.chunking.cli.JsonFields.text;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking chunks <executionId>}: the chunks of an execution with their attempts, worker, timings and last
 * error, a page at a time.
 */
final class ChunksCommand extends ApiCommand {

	ChunksCommand() {
		super("chunks", "<executionId> [--status STATUS] [--page N] [--size N]",
				"list the chunks of an execution: attempts, worker, timings, last error");
	}

	@Override
	String details() {
		return """
				  --status STATUS   only chunks with this status (PENDING, RUNNING, SUCCEEDED, FAILED, DEAD)
				  --page N          the page, from 0 (default 0)
				  --size N          chunks per page (default 100, at most 1000)
				""";
	}

	@Override
	Set<String> options() {
		return Set.of("status", "page", "size");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		return api.get("/api/executions/" + arguments.executionId() + "/chunks", pageQuery(arguments));
	}

	@Override
	String render(JsonNode page) {
		Table table = new Table("INDEX", "STATUS", "ATTEMPTS", "ITEMS", "WORKER", "STARTED", "FINISHED",
				"LAST ERROR", "SKIPPED");
		for (JsonNode chunk : page.path("chunks")) {
			JsonNode error = chunk.path("lastError");
			table.row(text(chunk, "index"), text(chunk, "status"), text(chunk, "attempts"), text(chunk, "itemCount"),
					text(chunk, "workerId"), text(chunk, "startedAt"), text(chunk, "finishedAt"),
					error.isObject() ? simpleName(error.path("type").asString()) + ": " + error.path("message").asString()
							: null,
					skipped(chunk));
		}
		return table.render();
	}

	/** The number of items skipped and where the first one was, e.g. {@code 2, first s3://in/a.csv:7: ...}. */
	private static @Nullable String skipped(JsonNode chunk) {
		long skipped = chunk.path("items").path("skipped").asLong(0);
		if (skipped == 0) {
			return null;
		}
		JsonNode first = chunk.path("skips").path(0);
		return first.isObject() ? skipped + ", first " + first.path("position").asString() + ": "
				+ simpleName(first.path("type").asString()) + ": " + first.path("message").asString()
				: Long.toString(skipped);
	}

	private static String simpleName(String type) {
		return type.substring(type.lastIndexOf('.') + 1);
	}

}
