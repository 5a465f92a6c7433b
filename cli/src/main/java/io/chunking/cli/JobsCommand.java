package io.chunking.cli;

import static io.chunking.cli.JsonFields.shown;
import static io.chunking.cli.JsonFields.text;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking jobs}: the jobs the master knows, with their schedule, last execution and parameters.
 */
final class JobsCommand extends ApiCommand {

	JobsCommand() {
		super("jobs", "", "list jobs: description, schedule, last execution, parameters");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		arguments.noOperands();
		return api.get("/api/jobs");
	}

	@Override
	String render(JsonNode jobs) {
		Table table = new Table("JOB", "SCHEDULE", "LAST", "DESCRIPTION");
		StringBuilder parameters = new StringBuilder();
		for (JsonNode job : jobs) {
			JsonNode last = job.path("lastExecution");
			table.row(text(job, "name"), text(job, "schedule"),
					last.isObject() ? last.path("id").asString() + " " + last.path("status").asString() : null,
					text(job, "description"));
			List<String> specs = new ArrayList<>();
			for (JsonNode parameter : job.path("parameters")) {
				specs.add(parameter.path("name").asString() + ":" + parameter.path("type").asString()
						+ (parameter.path("required").asBoolean() ? " (required)"
								: "=" + parameter.path("defaultValue").asString("")));
			}
			parameters.append("  ").append(shown(job, "name")).append(": ").append(String.join(", ", specs)).append('\n');
		}
		return table.render() + "\nParameters:\n" + parameters;
	}

}
