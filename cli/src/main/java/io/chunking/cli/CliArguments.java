package io.chunking.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A parsed command line: options ({@code --name value} or {@code --name=value}, anywhere), flags and positional
 * arguments, the first of which is the command.
 */
final class CliArguments {

	/** Options that take a value. */
	static final Set<String> VALUE_OPTIONS = Set.of("url", "user", "password", "credentials", "interval", "timeout",
			"status", "page", "size", "job");

	/** Options without a value. */
	static final Set<String> FLAGS = Set.of("follow", "json", "help");

	/** Options every command takes. */
	static final Set<String> COMMON_OPTIONS = Set.of("url", "user", "password", "credentials", "json", "help");

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

	private final Map<String, String> options;

	private final Set<String> flags;

	private final List<String> positional;

	private CliArguments(Map<String, String> options, Set<String> flags, List<String> positional) {
		this.options = options;
		this.flags = flags;
		this.positional = positional;
	}

	static CliArguments parse(String... args) {
		Map<String, String> options = new LinkedHashMap<>();
		Set<String> flags = new LinkedHashSet<>();
		List<String> positional = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("-h")) {
				flags.add("help");
			}
			else if (arg.startsWith("--")) {
				String name = arg.substring(2);
				String value = null;
				int equals = name.indexOf('=');
				if (equals >= 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
				}
				if (FLAGS.contains(name)) {
					if (value != null) {
						throw new UsageException("Option --" + name + " takes no value, was given '" + value + "'");
					}
					flags.add(name);
				}
				else if (VALUE_OPTIONS.contains(name)) {
					if (value == null) {
						if (i + 1 >= args.length) {
							throw new UsageException("Option --" + name + " needs a value");
						}
						value = args[++i];
					}
					options.put(name, value);
				}
				else {
					throw new UsageException("Unknown option '" + arg + "'");
				}
			}
			else {
				positional.add(arg);
			}
		}
		return new CliArguments(options, flags, positional);
	}

	/**
	 * Checks that every option given is one of the common ones or one of the command's.
	 * @param command the command's name, for the message
	 * @param commandOptions the options of the command
	 */
	void checkOptions(String command, Set<String> commandOptions) {
		Set<String> given = new LinkedHashSet<>(this.options.keySet());
		given.addAll(this.flags);
		for (String name : given) {
			if (!COMMON_OPTIONS.contains(name) && !commandOptions.contains(name)) {
				throw new UsageException("Option --" + name + " does not apply to '" + command + "'");
			}
		}
	}

	@Nullable String option(String name) {
		return this.options.get(name);
	}

	int intOption(String name, int defaultValue, int min) {
		String value = this.options.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value.trim());
			if (parsed < min) {
				throw new UsageException("Option --" + name + " must be " + min + " or more, was " + parsed);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new UsageException("Option --" + name + " must be a whole number, was '" + value + "'");
		}
	}

	/**
	 * An option that is a duration: a whole number with a unit {@code ms}, {@code s}, {@code m} or {@code h}, seconds
	 * without one; more than zero.
	 */
	Duration durationOption(String name, Duration defaultValue) {
		String value = this.options.get(name);
		if (value == null) {
			return defaultValue;
		}
		Matcher matcher = DURATION.matcher(value.trim());
		if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
			throw new UsageException("Option --" + name + " must be a duration of more than zero such as 90, 90s, "
					+ "500ms, 30m or 24h, was '" + value + "'");
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch ((matcher.group(2) != null) ? matcher.group(2) : "s") {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	boolean flag(String name) {
		return this.flags.contains(name);
	}

	/** The command, or {@code null} if none is given. */
	@Nullable String command() {
		return this.positional.isEmpty() ? null : this.positional.get(0);
	}

	/** Positional arguments after the command. */
	List<String> operands() {
		return this.positional.isEmpty() ? List.of() : this.positional.subList(1, this.positional.size());
	}

	/** Checks that nothing follows a command that takes no arguments, such as {@code jobs}. */
	void noOperands() {
		if (!operands().isEmpty()) {
			throw new UsageException("'" + command() + "' takes no arguments, was given " + operands());
		}
	}

	/** The single operand of a command such as {@code show <executionId>}. */
	String operand(String what) {
		List<String> operands = operands();
		if (operands.size() != 1) {
			throw new UsageException("'" + command() + "' takes one " + what + ", was given " + operands.size()
					+ (operands.isEmpty() ? "" : ": " + operands));
		}
		return operands.get(0);
	}

	/** The single operand, as an execution id. */
	long executionId() {
		String id = operand("execution id");
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("'" + id + "' is not an execution id (a number)");
		}
	}

	/** Job parameters given as {@code name=value} operands after the job name. */
	static Map<String, String> jobParameters(List<String> operands) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String operand : operands) {
			int equals = operand.indexOf('=');
			if (equals <= 0) {
				throw new UsageException("Job parameter '" + operand + "' is not of the form name=value");
			}
			parameters.put(operand.substring(0, equals), operand.substring(equals + 1));
		}
		return parameters;
	}

}
