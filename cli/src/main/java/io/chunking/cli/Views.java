package io.chunking.cli;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Text renderings of the master's answers.
 */
final class Views {

	private Views() {
	}

	static String jobs(JsonNode jobs) {
		Table table = new Table("JOB", "SCHEDULE", "LAST", "DESCRIPTION");
		StringBuilder parameters = new StringBuilder();
		for (JsonNode job : jobs) {
			JsonNode last = job.path("lastExecution");
			table.row(text(job, "name"), text(job, "schedule"),
					last.isObject() ? last.path("id").asString() + " " + last.path("status").asString() : null,
					text(job, "description"));
			List<String> specs = new ArrayList<>();
			for (JsonNode parameter : job.path("parameters")) {
				specs.add(parameter.path("name").asString() + ":" + parameter.path("type").asString()
						+ (parameter.path("required").asBoolean() ? " (required)"
								: "=" + parameter.path("defaultValue").asString("")));
			}
			parameters.append("  ").append(text(job, "name")).append(": ").append(String.join(", ", specs)).append('\n');
		}
		return table.render() + "\nParameters:\n" + parameters;
	}

	static String executions(JsonNode page) {
		Table table = new Table("ID", "JOB", "STATUS", "EXIT", "START", "END");
		for (JsonNode execution : page.path("executions")) {
			table.row(text(execution, "id"), text(execution, "jobName"), text(execution, "status"),
					text(execution, "exitCode"), text(execution, "startTime"), text(execution, "endTime"));
		}
		return table.render() + "page " + page.path("page").asInt() + ", " + page.path("executions").size() + " of "
				+ page.path("total").asLong() + "\n";
	}

	static String execution(JsonNode execution) {
		JsonNode chunks = execution.path("chunks");
		JsonNode items = execution.path("items");
		StringBuilder out = new StringBuilder();
		out.append("Execution ").append(text(execution, "id")).append(" of ").append(text(execution, "jobName"))
			.append(": ").append(text(execution, "status")).append('\n');
		out.append("  parameters: ").append(execution.path("parameters").toString()).append('\n');
		if (execution.hasNonNull("schedule")) {
			out.append("  schedule:   ").append(text(execution, "schedule")).append(" fired for ")
				.append(text(execution, "fireTime")).append('\n');
		}
		out.append("  started:    ").append(text(execution, "startTime")).append("  ended: ")
			.append(text(execution, "endTime")).append('\n');
		out.append("  chunks:     ").append(chunks.path("succeeded").asLong()).append(" succeeded, ")
			.append(chunks.path("running").asLong()).append(" running, ").append(chunks.path("pending").asLong())
			.append(" pending, ").append(chunks.path("failed").asLong()).append(" failed, ")
			.append(chunks.path("dead").asLong()).append(" dead, ").append(chunks.path("total").asLong())
			.append(" total (").append(execution.path("progress").asDouble()).append("%)\n");
		out.append("  items:      ").append(items.path("read").asLong()).append(" read, ")
			.append(items.path("written").asLong()).append(" written, ").append(items.path("skipped").asLong())
			.append(" skipped; ").append(text(execution, "itemsPerSecond")).append(" items/s\n");
		out.append("  result:     ").append(execution.path("result").toString()).append('\n');
		if (execution.hasNonNull("exitDescription") && !execution.path("exitDescription").asString().isEmpty()) {
			out.append("  exit:       ").append(text(execution, "exitCode")).append(": ")
				.append(text(execution, "exitDescription")).append('\n');
		}
		return out.toString();
	}

	static String chunks(JsonNode page) {
		Table table = new Table("INDEX", "STATUS", "ATTEMPTS", "ITEMS", "WORKER", "STARTED", "FINISHED",
				"LAST ERROR");
		for (JsonNode chunk : page.path("chunks")) {
			JsonNode error = chunk.path("lastError");
			table.row(text(chunk, "index"), text(chunk, "status"), text(chunk, "attempts"), text(chunk, "itemCount"),
					text(chunk, "workerId"), text(chunk, "startedAt"), text(chunk, "finishedAt"),
					error.isObject() ? simpleName(error.path("type").asString()) + ": " + error.path("message").asString()
							: null);
		}
		return table.render();
	}

	static String workers(JsonNode workers) {
		Table table = new Table("ID", "STATE", "HOST", "PID", "JOBS", "LAST HEARTBEAT", "CHUNK IN HAND", "DONE");
		for (JsonNode worker : workers) {
			List<String> jobs = new ArrayList<>();
			worker.path("jobs").forEach((job) -> jobs.add(job.asString()));
			table.row(text(worker, "id"), text(worker, "state"), text(worker, "host"), text(worker, "pid"),
					String.join(",", jobs), text(worker, "lastHeartbeat"), text(worker, "currentChunk"),
					text(worker, "chunksDone"));
		}
		return table.render();
	}

	static String control(JsonNode answer) {
		if (answer.hasNonNull("restartedExecutionId")) {
			return "Execution " + text(answer, "restartedExecutionId") + " restarted as execution "
					+ text(answer, "executionId") + "\n";
		}
		return "Execution " + text(answer, "executionId") + ": " + text(answer, "status") + "\n";
	}

	static String schedules(JsonNode schedules) {
		Table table = new Table("NAME", "JOB", "CRON", "ZONE", "PAUSED", "NEXT FIRE", "LAST FIRE", "LAST EXECUTION");
		for (JsonNode schedule : schedules) {
			table.row(text(schedule, "name"), text(schedule, "job"), text(schedule, "cron"), text(schedule, "zone"),
					text(schedule, "paused"), text(schedule, "nextFireTime"), text(schedule, "lastFireTime"),
					text(schedule, "lastExecutionId"));
		}
		return table.render();
	}

	static String schedule(JsonNode schedule) {
		return "Schedule " + text(schedule, "name") + ": " + (schedule.path("paused").asBoolean() ? "paused"
				: "active, next fire time " + text(schedule, "nextFireTime")) + "\n";
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString();
	}

	private static String simpleName(String type) {
		return type.substring(type.lastIndexOf('.') + 1);
	}

}
