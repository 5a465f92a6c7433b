package io.chunking.cli;

import static io.chunking.cli.JsonFields.text;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking workers}: the workers the master knows from their heartbeats.
 */
final class WorkersCommand extends ApiCommand {

	WorkersCommand() {
		super("workers", "", "list workers: host, state, jobs, last heartbeat, chunk in hand, chunks done");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		arguments.noOperands();
		return api.get("/api/workers");
	}

	@Override
	String render(JsonNode workers) {
		Table table = new Table("ID", "HOST", "PID", "STATE", "JOBS", "LAST HEARTBEAT", "CHUNK IN HAND", "DONE");
		for (JsonNode worker : workers) {
			List<String> jobs = new ArrayList<>();
			worker.path("jobs").forEach((job) -> jobs.add(job.asString()));
			table.row(text(worker, "id"), text(worker, "host"), text(worker, "pid"), text(worker, "state"),
					String.join(",", jobs), text(worker, "lastHeartbeat"), text(worker, "currentChunk"),
					text(worker, "chunksDone"));
		}
		return table.render();
	}

}
