package io.chunking.cli;

import static io.chunking.cli.JsonFields.shown;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking pause|resume <schedule>}: pauses or resumes a cron schedule on every master.
 */
final class ScheduleControlCommand extends ApiCommand {

	private ScheduleControlCommand(String name, String summary) {
		super(name, "<schedule>", summary);
	}

	static ScheduleControlCommand pause() {
		return new ScheduleControlCommand("pause", "pause a schedule: no fire time starts an execution until resumed");
	}

	static ScheduleControlCommand resume() {
		return new ScheduleControlCommand("resume",
				"resume a schedule from now on; fire times passed while paused are not caught up");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		return api.post("/api/schedules/" + ApiClient.segment(arguments.operand("schedule name")) + "/" + name(),
				null);
	}

	@Override
	String render(JsonNode schedule) {
		return "Schedule " + shown(schedule, "name") + ": " + (schedule.path("paused").asBoolean() ? "paused"
				: "active, next fire time " + shown(schedule, "nextFireTime")) + "\n";
	}

}
