package io.chunking.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Polls an execution until it ends, drawing its {@link ProgressBar} on stderr: redrawn in place on a terminal,
 * otherwise one line every {@link #LINE_EVERY}. Then prints the execution (status, exit description, result) and
 * answers {@link ExitCodes#OK} only if it completed.
 */
final class ExecutionFollower {

	/** How often the progress is printed when it cannot be redrawn in place. */
	static final Duration LINE_EVERY = Duration.ofSeconds(5);

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private final CommandContext context;

	private final Duration interval;

	private final Duration timeout;

	private int drawn;

	ExecutionFollower(CommandContext context, Duration interval, Duration timeout) {
		this.context = context;
		this.interval = interval;
		this.timeout = timeout;
	}

	int follow(long id) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		long nextLine = System.nanoTime();
		JsonNode execution = execution(id);
		while (RUNNING.contains(execution.path("status").asString())) {
			if (this.context.interactive()) {
				redraw(ProgressBar.render(execution));
			}
			else if (System.nanoTime() - nextLine >= 0) {
				this.context.err().println(ProgressBar.render(execution));
				nextLine = System.nanoTime() + LINE_EVERY.toNanos();
			}
			if (System.nanoTime() - deadline >= 0) {
				endLine();
				this.context.err().println("chunking: execution " + id + " did not end within " + describe(this.timeout)
						+ " (--timeout); it goes on on the master: 'chunking show " + id + "'");
				return ExitCodes.FAILED;
			}
			sleep(this.interval);
			execution = execution(id);
		}
		if (this.context.interactive()) {
			redraw(ProgressBar.render(execution));
			endLine();
		}
		else {
			this.context.err().println(ProgressBar.render(execution));
		}
		this.context.print(execution, ExecutionView::render);
		return "COMPLETED".equals(execution.path("status").asString()) ? ExitCodes.OK : ExitCodes.FAILED;
	}

	/** Draws the line over the previous one, blanking what a longer previous line leaves behind. */
	private void redraw(String line) {
		this.context.err().print("\r" + line + " ".repeat(Math.max(0, this.drawn - line.length())));
		this.context.err().flush();
		this.drawn = line.length();
	}

	private void endLine() {
		if (this.drawn > 0) {
			this.context.err().println();
			this.drawn = 0;
		}
	}

	private JsonNode execution(long id) {
		return this.context.api().get("/api/executions/" + id);
	}

	/** A duration as people write it: {@code 24h}, {@code 1m30s}, {@code 0.5s}. */
	static String describe(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
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
