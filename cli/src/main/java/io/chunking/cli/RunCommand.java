package io.chunking.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking run <job> [name=value ...] [--follow]}: starts an execution and, with {@code --follow}, shows its
 * progress until it ends.
 */
final class RunCommand extends Command {

	RunCommand() {
		super("run", "<job> [name=value ...] [--follow] [--interval SECONDS] [--timeout SECONDS]",
				"start an execution of a job; --follow shows its progress until it ends");
	}

	@Override
	String details() {
		return """
				  name=value          a job parameter (see 'chunking jobs'); values are sent as text
				  --follow            poll the execution, draw a progress bar on stderr, then print the outcome;
				                      the exit code is 0 only if the execution COMPLETED
				  --interval SECONDS  seconds between polls of --follow (default 1)
				  --timeout SECONDS   longest --follow waits, then exits 1; the execution goes on (default 86400)
				""";
	}

	@Override
	Set<String> options() {
		return Set.of("follow", "interval", "timeout");
	}

	@Override
	int execute(CommandContext context) {
		CliArguments arguments = context.arguments();
		if (arguments.operands().isEmpty()) {
			throw new UsageException("'run' needs a job name: chunking run <job> [name=value ...]");
		}
		String job = arguments.operands().get(0);
		Map<String, String> parameters = CliArguments
			.jobParameters(arguments.operands().subList(1, arguments.operands().size()));
		Duration interval = Duration.ofSeconds(arguments.intOption("interval", 1, 1));
		Duration timeout = Duration.ofSeconds(arguments.intOption("timeout", 86_400, 1));
		JsonNode started = context.api().post("/api/jobs/" + job + "/executions", ApiClient.triggerBody(parameters));
		long id = started.path("executionId").asLong();
		context.out().println("Started " + job + " execution " + id);
		if (!arguments.flag("follow")) {
			return ExitCodes.OK;
		}
		return new ExecutionFollower(context, interval, timeout).follow(id);
	}

}
