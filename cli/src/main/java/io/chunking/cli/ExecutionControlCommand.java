package io.chunking.cli;

import static io.chunking.cli.JsonFields.shown;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking stop|restart|abandon <executionId>}: asks the master to change an execution. The master answers
 * 409 when the execution's status does not allow it, which ends the CLI with {@link ExitCodes#FAILED}.
 */
final class ExecutionControlCommand extends ApiCommand {

	private ExecutionControlCommand(String name, String summary) {
		super(name, "<executionId>", summary);
	}

	static ExecutionControlCommand stop() {
		return new ExecutionControlCommand("stop", "stop a running execution: running chunks finish, no new ones start");
	}

	static ExecutionControlCommand restart() {
		return new ExecutionControlCommand("restart",
				"restart a FAILED or STOPPED execution: only the chunks that did not succeed run again");
	}

	static ExecutionControlCommand abandon() {
		return new ExecutionControlCommand("abandon", "end a FAILED or STOPPED execution for good");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		return api.post("/api/executions/" + arguments.executionId() + "/" + name(), null);
	}

	@Override
	String render(JsonNode answer) {
		if (answer.hasNonNull("restartedExecutionId")) {
			return "Execution " + shown(answer, "restartedExecutionId") + " restarted as execution "
					+ shown(answer, "executionId") + "\n";
		}
		return "Execution " + shown(answer, "executionId") + ": " + shown(answer, "status") + "\n";
	}

}
