package io.chunking.cli;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking show <executionId>}: one execution in full.
 */
final class ShowCommand extends ApiCommand {

	ShowCommand() {
		super("show", "<executionId>",
				"show an execution: status, times, chunk and item counts, progress, throughput, result");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		return api.get("/api/executions/" + arguments.executionId());
	}

	@Override
	String render(JsonNode execution) {
		return ExecutionView.render(execution);
	}

}
