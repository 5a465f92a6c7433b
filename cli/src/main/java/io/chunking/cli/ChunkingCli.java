package io.chunking.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code chunking}: the operators' command-line client of the master's REST API.
 */
public final class ChunkingCli {

	static final String USAGE = """
			Usage: chunking [options] <command> [arguments]

			Commands:
			  jobs                                 list jobs: description, parameters, schedule
			  run <job> [name=value ...] [--follow] start a job; --follow shows progress until it ends
			                                       and exits 0 only if it COMPLETED
			  executions [--job J] [--status S]    list executions, newest first (--page, --size)
			  show <executionId>                   status, chunk and item counts, progress, result
			  chunks <executionId> [--status S]    chunks with attempts, worker, timings, last error (--page, --size)
			  workers                              workers with state, jobs, last heartbeat, chunk in hand
			  stop|restart|abandon <executionId>   control an execution
			  schedules                            cron schedules with next fire time
			  pause|resume <schedule>              pause or resume a schedule

			Options:
			  --url URL            the master (default: credentials file, CHUNKING_URL, http://localhost:8080)
			  --user U --password P  HTTP Basic credentials (default: CHUNKING_USER / CHUNKING_PASSWORD)
			  --credentials FILE   the master's generated credentials file (url, user, password); default
			                       CHUNKING_CREDENTIALS or ./chunking-data/credentials.properties if present
			  --json               print the master's JSON instead of a table
			  --interval SECONDS   polling interval of --follow (default 1)
			  --timeout SECONDS    longest --follow waits (default 86400)

			Exit codes: 0 done, 1 the execution failed or the request does not fit its status,
			2 bad command line, 3 the master could not be reached or refused the request.
			""";

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final boolean interactive;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	ChunkingCli(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory,
			boolean interactive) {
		this.out = out;
		this.err = err;
		this.environment = environment;
		this.workingDirectory = workingDirectory;
		this.interactive = interactive;
	}

	public static void main(String[] args) {
		ChunkingCli cli = new ChunkingCli(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
				System.console() != null);
		System.exit(cli.run(args));
	}

	int run(String... args) {
		try {
			CliArguments arguments = CliArguments.parse(args);
			if (arguments.flag("help") || arguments.command() == null) {
				this.out.print(USAGE);
				return (arguments.command() == null && !arguments.flag("help")) ? ExitCodes.USAGE : ExitCodes.OK;
			}
			ApiClient api = new ApiClient(Connection.resolve(arguments, this.environment, this.workingDirectory),
					this.json);
			return execute(arguments, api);
		}
		catch (UsageException ex) {
			this.err.println("chunking: " + ex.getMessage());
			this.err.println("Run 'chunking --help' for the commands and options.");
			return ExitCodes.USAGE;
		}
		catch (ApiException ex) {
			this.err.println("chunking: " + ex.getMessage());
			return (ex.status() == 409) ? ExitCodes.FAILED : ExitCodes.SERVER;
		}
	}

	private int execute(CliArguments arguments, ApiClient api) {
		String command = arguments.command();
		switch (command) {
			case "jobs" -> print(arguments, api.get("/api/jobs"), Views::jobs);
			case "run" -> {
				return run(arguments, api);
			}
			case "executions" -> print(arguments, api.get("/api/executions", query(arguments, "jobName", "job")),
					Views::executions);
			case "show" -> print(arguments, api.get("/api/executions/" + arguments.executionId()), Views::execution);
			case "chunks" -> print(arguments,
					api.get("/api/executions/" + arguments.executionId() + "/chunks", query(arguments, null, null)),
					Views::chunks);
			case "workers" -> print(arguments, api.get("/api/workers"), Views::workers);
			case "stop", "restart", "abandon" -> print(arguments,
					api.post("/api/executions/" + arguments.executionId() + "/" + command, null), Views::control);
			case "schedules" -> print(arguments, api.get("/api/schedules"), Views::schedules);
			case "pause", "resume" -> print(arguments,
					api.post("/api/schedules/" + arguments.operand("schedule name") + "/" + command, null),
					Views::schedule);
			default -> throw new UsageException("Unknown command '" + command + "'");
		}
		return ExitCodes.OK;
	}

	private int run(CliArguments arguments, ApiClient api) {
		if (arguments.operands().isEmpty()) {
			throw new UsageException("'run' needs a job name: chunking run <job> [name=value ...]");
		}
		String job = arguments.operands().get(0);
		Map<String, String> parameters = CliArguments
			.jobParameters(arguments.operands().subList(1, arguments.operands().size()));
		Duration interval = seconds(arguments, "interval", 1);
		Duration timeout = seconds(arguments, "timeout", 86_400);
		JsonNode started = api.post("/api/jobs/" + job + "/executions", ApiClient.triggerBody(parameters));
		long id = started.path("executionId").asLong();
		this.out.println("Started " + job + " execution " + id);
		if (!arguments.flag("follow")) {
			return ExitCodes.OK;
		}
		return follow(api, id, interval, timeout, arguments.flag("json"));
	}

	private int follow(ApiClient api, long id, Duration interval, Duration timeout, boolean json) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long nextLine = 0;
		JsonNode execution = api.get("/api/executions/" + id);
		while (RUNNING.contains(execution.path("status").asString())) {
			String line = ProgressBar.render(execution);
			if (this.interactive) {
				this.err.print("\r" + line + " ");
				this.err.flush();
			}
			else if (System.nanoTime() >= nextLine) {
				this.err.println(line);
				nextLine = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			}
			if (System.nanoTime() >= deadline) {
				this.err.println();
				this.err.println("chunking: execution " + id + " did not end within " + timeout.toSeconds()
						+ " s (--timeout); it goes on on the master");
				return ExitCodes.FAILED;
			}
			sleep(interval);
			execution = api.get("/api/executions/" + id);
		}
		if (this.interactive) {
			this.err.println("\r" + ProgressBar.render(execution) + " ");
		}
		else {
			this.err.println(ProgressBar.render(execution));
		}
		this.out.print(json ? this.json.writeValueAsString(execution) + "\n" : Views.execution(execution));
		return "COMPLETED".equals(execution.path("status").asString()) ? ExitCodes.OK : ExitCodes.FAILED;
	}

	private static void sleep(Duration interval) {
		try {
			Thread.sleep(interval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(0, "Interrupted");
		}
	}

	private static Duration seconds(CliArguments arguments, String option, int defaultSeconds) {
		try {
			return Duration.ofSeconds(arguments.intOption(option, defaultSeconds, 1));
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("Option --" + option + " must be a number of seconds");
		}
	}

	private static Map<String, String> query(CliArguments arguments, String jobParameter, String jobOption) {
		Map<String, String> query = new LinkedHashMap<>();
		if (jobParameter != null) {
			query.put(jobParameter, arguments.option(jobOption));
		}
		query.put("status", arguments.option("status"));
		query.put("page", arguments.option("page"));
		query.put("size", arguments.option("size"));
		return query;
	}

	private void print(CliArguments arguments, JsonNode body, java.util.function.Function<JsonNode, String> view) {
		this.out.print(arguments.flag("json") ? this.json.writeValueAsString(body) + "\n" : view.apply(body));
	}

}
