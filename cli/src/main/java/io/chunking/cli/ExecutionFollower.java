package io.chunking.cli;

import java.time.Duration;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Polls an execution until it ends, drawing its {@link ProgressBar} on stderr: redrawn in place on a terminal,
 * otherwise one line every {@link #LINE_EVERY}. Then prints the execution and answers
 * {@link ExitCodes#OK} if it completed.
 */
final class ExecutionFollower {

	/** How often the progress is printed when it cannot be redrawn in place. */
	static final Duration LINE_EVERY = Duration.ofSeconds(5);

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private final CommandContext context;

	private final Duration interval;

	private final Duration timeout;

	ExecutionFollower(CommandContext context, Duration interval, Duration timeout) {
		this.context = context;
		this.interval = interval;
		this.timeout = timeout;
	}

	int follow(long id) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		long nextLine = 0;
		JsonNode execution = execution(id);
		while (RUNNING.contains(execution.path("status").asString())) {
			String line = ProgressBar.render(execution);
			if (this.context.interactive()) {
				this.context.err().print("\r" + line + " ");
				this.context.err().flush();
			}
			else if (System.nanoTime() >= nextLine) {
				this.context.err().println(line);
				nextLine = System.nanoTime() + LINE_EVERY.toNanos();
			}
			if (System.nanoTime() >= deadline) {
				this.context.err().println();
				this.context.err().println("chunking: execution " + id + " did not end within "
						+ this.timeout.toSeconds() + " s (--timeout); it goes on on the master");
				return ExitCodes.FAILED;
			}
			sleep(this.interval);
			execution = execution(id);
		}
		if (this.context.interactive()) {
			this.context.err().println("\r" + ProgressBar.render(execution) + " ");
		}
		else {
			this.context.err().println(ProgressBar.render(execution));
		}
		this.context.print(execution, ExecutionView::render);
		return "COMPLETED".equals(execution.path("status").asString()) ? ExitCodes.OK : ExitCodes.FAILED;
	}

	private JsonNode execution(long id) {
		return this.context.api().get("/api/executions/" + id);
	}

	private static void sleep(Duration interval) {
		try {
			Thread.sleep(interval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(0, "Interrupted");
		}
	}

}
