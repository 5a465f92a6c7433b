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

	/** Time between polls of {@code --follow}, unless {@code --interval} says otherwise. */
	static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	/** Longest {@code --follow} waits, unless {@code --timeout} says otherwise. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

	RunCommand() {
		super("run", "<job> [name=value ...] [--follow] [--interval DURATION] [--timeout DURATION]",
				"start an execution of a job; --follow shows its progress until it ends");
	}

	@Override
	String details() {
		return """
				  name=value           a job parameter (see 'chunking jobs'); values are sent as text
				  --follow             poll the execution, draw a progress bar on stderr, then print its status,
				                       exit description and result; exit 0 only if it COMPLETED. A poll
				                       the master does not answer (in 30 s, or with 502-504) is made again,
				                       up to 20 in a row
				  --interval DURATION  time between polls of --follow: 500ms, 2s, 1m ... (default 1s)
				  --timeout DURATION   longest --follow waits, then exits 1; the execution goes on (default 24h)
				  --json               print the master's JSON: the trigger's answer, or with --follow the
				                       execution at its end; the other lines go to stderr
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
		Duration interval = arguments.durationOption("interval", DEFAULT_INTERVAL);
		Duration timeout = arguments.durationOption("timeout", DEFAULT_TIMEOUT);
		JsonNode started = context.api()
			.post("/api/jobs/" + ApiClient.segment(job) + "/executions", ApiClient.triggerBody(parameters));
		long id = started.path("executionId").asLong();
		boolean follow = arguments.flag("follow");
		if (arguments.flag("json") && !follow) {
			context.printJson(started);
			return ExitCodes.OK;
		}
		// With --json, stdout carries only the JSON.
		(arguments.flag("json") ? context.err() : context.out()).println("Started " + job + " execution " + id);
		return follow ? new ExecutionFollower(context, interval, timeout).follow(id) : ExitCodes.OK;
	}

}
