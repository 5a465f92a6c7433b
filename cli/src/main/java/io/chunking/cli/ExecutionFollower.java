package io.chunking.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Polls an execution until it ends, drawing its {@link ProgressBar} on stderr: redrawn in place on a terminal,
 * otherwise one line every {@link #LINE_EVERY}. Then prints the execution (status, exit description, result) and
 * answers {@link ExitCodes#OK} only if it completed.
 * <p>
 * Once the execution has been read, a poll that fails for a reason that may pass (no answer within the request
 * timeout, the master unreachable or answering 502, 503 or 504, as while it is overloaded, restarting or handing
 * over) is said on stderr and made again after the interval, up to {@link #MAX_FAILED_POLLS} in a row and within
 * {@code --timeout}: a run of an hour is not given up for one slow answer. Any other error ends following at once.
 */
final class ExecutionFollower {

	/** How often the progress is printed when it cannot be redrawn in place. */
	static final Duration LINE_EVERY = Duration.ofSeconds(5);

	/** Failed polls in a row after which following gives up. */
	static final int MAX_FAILED_POLLS = 20;

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private static final Set<Integer> PASSING = Set.of(0, 502, 503, 504);

	private final CommandContext context;

	private final Duration interval;

	private final Duration timeout;

	private int drawn;

	private int failedPolls;

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
			execution = poll(id, deadline, execution);
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

	/**
	 * The execution read again; after a failure that may pass, the last one read while the deadline and
	 * {@link #MAX_FAILED_POLLS} allow, so that the loop checks its deadline and polls again.
	 */
	private JsonNode poll(long id, long deadline, JsonNode last) {
		try {
			JsonNode execution = execution(id);
			this.failedPolls = 0;
			return execution;
		}
		catch (ApiException ex) {
			this.failedPolls++;
			endLine();
			if (!PASSING.contains(ex.status()) || this.failedPolls >= MAX_FAILED_POLLS
					|| System.nanoTime() - deadline >= 0) {
				throw ex;
			}
			this.context.err().println("chunking: " + ex.getMessage() + "; polling again (" + this.failedPolls + " of "
					+ MAX_FAILED_POLLS + " failed polls in a row allowed)");
			return last;
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
