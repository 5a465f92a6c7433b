package io.chunking.cli;

import static io.chunking.cli.JsonFields.text;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * {@code chunking workers}: the workers the master knows from their heartbeats, then the chunks each has in hand.
 */
final class WorkersCommand extends ApiCommand {

	WorkersCommand() {
		super("workers", "",
				"list workers: host, state, jobs, last heartbeat, concurrency, chunks in hand, chunks done");
	}

	@Override
	JsonNode call(CliArguments arguments, ApiClient api) {
		arguments.noOperands();
		return api.get("/api/workers");
	}

	@Override
	String render(JsonNode workers) {
		Table table = new Table("ID", "HOST", "PID", "STATE", "JOBS", "LAST HEARTBEAT", "CONCURRENCY", "IN HAND",
				"DONE");
		StringBuilder inHand = new StringBuilder();
		for (JsonNode worker : workers) {
			List<String> jobs = new ArrayList<>();
			worker.path("jobs").forEach((job) -> jobs.add(job.asString()));
			List<String> chunks = chunksInHand(worker);
			table.row(text(worker, "id"), text(worker, "host"), text(worker, "pid"), text(worker, "state"),
					String.join(",", jobs), text(worker, "lastHeartbeat"), text(worker, "concurrency"), chunks.size(),
					text(worker, "chunksDone"));
			if (!chunks.isEmpty()) {
				inHand.append("  ").append(text(worker, "id")).append(": ").append(String.join(", ", chunks))
					.append('\n');
			}
		}
		return table.render() + (inHand.isEmpty() ? "" : "\nChunks in hand (job/instance/index/attempt):\n" + inHand);
	}

	/** The worker's chunks in hand; a master of an earlier version reports only {@code currentChunk}. */
	private static List<String> chunksInHand(JsonNode worker) {
		List<String> chunks = new ArrayList<>();
		if (worker.has("chunksInHand")) {
			worker.path("chunksInHand").forEach((chunk) -> chunks.add(chunk.asString()));
		}
		else if (text(worker, "currentChunk") != null) {
			chunks.add(text(worker, "currentChunk"));
		}
		return chunks;
	}

}
