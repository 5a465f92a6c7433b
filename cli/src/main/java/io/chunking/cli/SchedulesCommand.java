package io.chunking.cli;

import static io.chunking.cli.JsonFields.text;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking schedules}: the cron schedules with their next and last fire times.
 */
final class SchedulesCommand extends ApiCommand {

	SchedulesCommand() {
		super("schedules", "", "list cron schedules: job, cron, zone, paused, next and last fire time");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		arguments.noOperands();
		return api.get("/api/schedules");
	}

	@Override
	String render(JsonNode schedules) {
		Table table = new Table("NAME", "JOB", "CRON", "ZONE", "PAUSED", "NEXT FIRE", "LAST FIRE", "LAST EXECUTION");
		for (JsonNode schedule : schedules) {
			table.row(text(schedule, "name"), text(schedule, "job"), text(schedule, "cron"), text(schedule, "zone"),
					text(schedule, "paused"), text(schedule, "nextFireTime"), text(schedule, "lastFireTime"),
					text(schedule, "lastExecutionId"));
		}
		return table.render();
	}

}
