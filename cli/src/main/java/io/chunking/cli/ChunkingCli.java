package io.chunking.cli;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code chunking}: the operators' command-line client of the master's REST API. Finds the command, checks the
 * command line, connects, and turns failures into an exit code and a message on stderr.
 */
public final class ChunkingCli {

	static final List<Command> COMMANDS = List.of(new JobsCommand(), new RunCommand(), new ExecutionsCommand(),
			new ShowCommand(), new ChunksCommand(), new WorkersCommand(), ExecutionControlCommand.stop(),
			ExecutionControlCommand.restart(), ExecutionControlCommand.abandon(), new SchedulesCommand(),
			ScheduleControlCommand.pause(), ScheduleControlCommand.resume(), new DeadLettersCommand(),
			new PurgeDeadLettersCommand());

	static final String OPTIONS = """
			Options of every command, before or after it:
			  --url URL              the master (default: the credentials file's url, CHUNKING_URL,
			                         http://localhost:8080)
			  --user U --password P  HTTP Basic credentials (default: the credentials file's,
			                         CHUNKING_USER / CHUNKING_PASSWORD)
			  --credentials FILE     the master's generated credentials file (url, user, password); default
			                         CHUNKING_CREDENTIALS or ./chunking-data/credentials.properties if present
			  --json                 print the master's JSON instead of text
			  --help                 this help; 'chunking <command> --help' for one command

			Exit codes: 0 done, 1 the execution failed or the request does not fit its status,
			2 bad command line, 3 the master could not be reached or refused the request.
			""";

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
				isTerminal());
		System.exit(cli.run(args));
	}

	/**
	 * Whether the CLI runs in a terminal, so that progress can be redrawn in place rather than printed line after
	 * line into a log. Up to Java 21 a console exists only for a terminal; from Java 22 it exists also when the
	 * streams are redirected, and {@code Console.isTerminal()} (called reflectively, the CLI is built for 17) tells.
	 */
	static boolean isTerminal() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (NoSuchMethodException ex) {
			return true;
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	int run(String... args) {
		Command command = null;
		try {
			CliArguments arguments = CliArguments.parse(args);
			if (arguments.command() == null) {
				(arguments.flag("help") ? this.out : this.err).print(usage());
				return arguments.flag("help") ? ExitCodes.OK : ExitCodes.USAGE;
			}
			command = command(arguments.command());
			if (arguments.flag("help")) {
				this.out.print(usage(command));
				return ExitCodes.OK;
			}
			arguments.checkOptions(command.name(), command.options());
			ApiClient api = new ApiClient(Connection.resolve(arguments, this.environment, this.workingDirectory),
					this.json);
			return command.execute(new CommandContext(arguments, api, this.out, this.err, this.json, this.interactive));
		}
		catch (UsageException ex) {
			this.err.println("chunking: " + ex.getMessage());
			this.err.println("Run 'chunking " + ((command != null) ? command.name() + " " : "")
					+ "--help' for the usage.");
			return ExitCodes.USAGE;
		}
		catch (ApiException ex) {
			this.err.println("chunking: " + ex.getMessage());
			return (ex.status() == 409) ? ExitCodes.FAILED : ExitCodes.SERVER;
		}
	}

	private static Command command(String name) {
		for (Command command : COMMANDS) {
			if (command.name().equals(name)) {
				return command;
			}
		}
		throw new UsageException("Unknown command '" + name + "'; the commands are "
				+ String.join(", ", COMMANDS.stream().map(Command::name).toList()));
	}

	/** The usage of the CLI: every command in one line, then the options every command takes. */
	static String usage() {
		StringBuilder usage = new StringBuilder("Usage: chunking [options] <command> [arguments]\n\nCommands:\n");
		int width = COMMANDS.stream().mapToInt((command) -> command.name().length()).max().orElse(0) + 2;
		for (Command command : COMMANDS) {
			usage.append(String.format("  %-" + width + "s%s%n", command.name(), command.summary()));
		}
		return usage.append('\n').append(OPTIONS).toString();
	}

	/** The usage of one command: its synopsis, what it does, its own options, then the common ones. */
	static String usage(Command command) {
		String synopsis = command.synopsis().isEmpty() ? "" : " " + command.synopsis();
		String details = command.details().isEmpty() ? "" : "\n" + command.details();
		return "Usage: chunking " + command.name() + synopsis + " [options]\n\n" + "  " + command.summary() + "\n"
				+ details + "\n" + OPTIONS;
	}

}
