package io.chunking.cli;

import static io.chunking.cli.JsonFields.shown;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking purge-dead-letters <job>}: deletes the dead letters of a job.
 */
final class PurgeDeadLettersCommand extends ApiCommand {

	PurgeDeadLettersCommand() {
		super("purge-dead-letters", "<job>", "delete every dead letter of a job from the dead-letter queue");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		return api.post("/api/dead-letters/" + ApiClient.segment(arguments.operand("job name")) + "/purge", null);
	}

	@Override
	String render(JsonNode purged) {
		return "Purged " + shown(purged, "purged") + " dead letters of " + shown(purged, "job") + "\n";
	}

}
