package io.chunking.cli;

import static io.chunking.cli.JsonFields.text;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking dead-letters [<job>]}: the count of dead letters per job, or the dead letters of one job a page
 * at a time.
 */
final class DeadLettersCommand extends ApiCommand {

	DeadLettersCommand() {
		super("dead-letters", "[<job>] [--page N] [--size N]",
				"count dead letters per job, or list one job's: id, time, type, reason, excerpt");
	}

	@Override
	String details() {
		return """
				  <job>             list the dead letters of this job instead of counting those of every job
				  --page N          with <job>: the page, from 0 (default 0)
				  --size N          with <job>: dead letters per page (default 20, at most 1000)
				""";
	}

	@Override
	Set<String> options() {
		return Set.of("page", "size");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		List<String> operands = arguments.operands();
		if (operands.size() > 1) {
			throw new UsageException("'dead-letters' takes at most one job name, was given " + operands);
		}
		if (operands.isEmpty()) {
			if (arguments.option("page") != null || arguments.option("size") != null) {
				throw new UsageException("--page and --size apply to the dead letters of one job: give its name");
			}
			return api.get("/api/dead-letters");
		}
		return api.get("/api/dead-letters/" + ApiClient.segment(operands.get(0)), pageQuery(arguments));
	}

	@Override
	String render(JsonNode answer) {
		if (answer.has("deadLetters")) {
			Table table = new Table("MESSAGE ID", "TIME", "TYPE", "REASON", "EXCERPT");
			for (JsonNode letter : answer.path("deadLetters")) {
				table.row(text(letter, "messageId"), text(letter, "timestamp"), text(letter, "type"),
						text(letter, "reason"), text(letter, "excerpt"));
			}
			return table.render() + "page " + answer.path("page").asInt() + ", " + answer.path("deadLetters").size()
					+ " of " + answer.path("total").asLong() + " dead letters of " + text(answer, "job") + "\n";
		}
		Table table = new Table("JOB", "DEAD LETTERS");
		for (JsonNode job : answer.path("jobs")) {
			table.row(text(job, "job"), text(job, "count"));
		}
		return table.render() + answer.path("total").asLong() + " messages on " + text(answer, "queue") + " in all\n";
	}

}
