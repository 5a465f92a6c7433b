package io.chunking.cli;

import static io.chunking.cli.JsonFields.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code chunking executions}: executions newest first, optionally of one job and one status, a page at a time.
 */
final class ExecutionsCommand extends ApiCommand {

	ExecutionsCommand() {
		super("executions", "[--job NAME] [--status STATUS] [--page N] [--size N]", "list executions, newest first");
	}

	@Override
	String details() {
		return """
				  --job NAME        only the executions of this job
				  --status STATUS   only executions with this status (COMPLETED, FAILED, STARTED, STOPPED, ...)
				  --page N          the page, from 0 (default 0)
				  --size N          executions per page (default 20)
				""";
	}

	@Override
	Set<String> options() {
		return Set.of("job", "status", "page", "size");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		arguments.noOperands();
		Map<String, @Nullable String> query = new LinkedHashMap<>();
		query.put("jobName", arguments.option("job"));
		query.putAll(pageQuery(arguments));
		return api.get("/api/executions", query);
	}

	@Override
	String render(JsonNode page) {
		Table table = new Table("ID", "JOB", "STATUS", "EXIT", "START", "END");
		for (JsonNode execution : page.path("executions")) {
			table.row(text(execution, "id"), text(execution, "jobName"), text(execution, "status"),
					text(execution, "exitCode"), text(execution, "startTime"), text(execution, "endTime"));
		}
		return table.render() + "page " + page.path("page").asInt() + ", " + page.path("executions").size()
				+ (page.hasNonNull("total") ? " of " + page.path("total").asLong() : "") + " executions\n";
	}

}
