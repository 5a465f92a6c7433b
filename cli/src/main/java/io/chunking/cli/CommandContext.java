package io.chunking.cli;

import java.io.PrintStream;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a command works with: its arguments, the master's API, the output streams and whether stderr is drawn on a
 * terminal.
 *
 * @param arguments the parsed command line
 * @param api the master's REST API
 * @param out where answers go
 * @param err where progress and problems go
 * @param json the mapper that prints JSON, indented
 * @param interactive whether the output is a terminal, so that progress can be redrawn in place
 */
record CommandContext(CliArguments arguments, ApiClient api, PrintStream out, PrintStream err, JsonMapper json,
		boolean interactive) {

	/** Prints an answer of the master as its JSON with {@code --json}, otherwise as the given view. */
	void print(JsonNode answer, Function<JsonNode, String> view) {
		if (this.arguments.flag("json")) {
			printJson(answer);
		}
		else {
			this.out.print(view.apply(answer));
		}
	}

	/** Prints an answer of the master as its JSON, indented. */
	void printJson(JsonNode answer) {
		this.out.print(this.json.writeValueAsString(answer) + "\n");
	}

}
