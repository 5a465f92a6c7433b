package io.chunking.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A command that makes one call to the master and prints the answer: as text, or as the master's JSON with
 * {@code --json}.
 */
abstract class ApiCommand extends Command {

	ApiCommand(String name, String synopsis, String summary) {
		super(name, synopsis, summary);
	}

	@Override
	final int execute(CommandContext context) {
		context.print(call(context.arguments(), context.api()), this::render);
		return ExitCodes.OK;
	}

	/** Makes the call. */
	abstract JsonNode call(CliArguments arguments, ApiClient api);

	/** The answer as text for a person. */
	abstract String render(JsonNode answer);

	/** The {@code status}, {@code page} and {@code size} query parameters of a list, from the options of that name. */
	static Map<String, @Nullable String> pageQuery(CliArguments arguments) {
		Map<String, @Nullable String> query = new LinkedHashMap<>();
		query.put("status", arguments.option("status"));
		query.put("page", pageOption(arguments, "page", 0));
		query.put("size", pageOption(arguments, "size", 1));
		return query;
	}

	private static @Nullable String pageOption(CliArguments arguments, String name, int min) {
		return (arguments.option(name) != null) ? Integer.toString(arguments.intOption(name, min, min)) : null;
	}

}
