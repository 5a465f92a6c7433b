package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a whole, up to the point where it would call the master.
 */
class ChunkingCliTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		ChunkingCli cli = new ChunkingCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of(), this.dir, false);
		return cli.run(args);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void helpListsEveryCommandAndExitsZero() {
		assertThat(run("--help")).isZero();
		for (Command command : ChunkingCli.COMMANDS) {
			assertThat(out()).containsPattern("(?m)^  " + command.name() + " +" + command.summary());
		}
	}

	@Test
	void noCommandPrintsTheUsageOnStderrAndExitsTwo() {
		assertThat(run()).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).startsWith("Usage: chunking");
		assertThat(out()).isEmpty();
	}

	@Test
	void helpOfACommandShowsItsArgumentsAndOptions() {
		assertThat(run("run", "--help")).isZero();
		assertThat(out()).startsWith("Usage: chunking run <job> [name=value ...] [--follow]")
			.contains("--timeout DURATION").contains("--credentials FILE");
	}

	@Test
	void anUnknownCommandIsNamedWithTheKnownOnes() {
		assertThat(run("--url", "http://x", "lsit")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("chunking: Unknown command 'lsit'; the commands are jobs, run, executions");
	}

	@Test
	void anOptionOfAnotherCommandIsRefused() {
		assertThat(run("jobs", "--follow")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("chunking: Option --follow does not apply to 'jobs'")
			.contains("Run 'chunking jobs --help'");
	}

	@Test
	void deadLettersTakeAtMostOneJobAndPagesOnlyWithAJob() {
		assertThat(run("dead-letters", "a", "b")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("'dead-letters' takes at most one job name, was given [a, b]");
		assertThat(run("dead-letters", "--page", "1")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("--page and --size apply to the dead letters of one job");
		assertThat(run("purge-dead-letters")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("'purge-dead-letters' takes one job name, was given 0");
	}

	@Test
	void argumentsAfterACommandThatTakesNoneAreRefused() {
		assertThat(run("workers", "w1")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("'workers' takes no arguments, was given [w1]");
	}

	@Test
	void aBadJobParameterIsNamed() {
		assertThat(run("run", "demo-checksum", "items")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("Job parameter 'items' is not of the form name=value");
	}

	@Test
	void aBadPageIsNamedBeforeAnythingIsSent() {
		assertThat(run("chunks", "7", "--page", "-1")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("Option --page must be 0 or more, was -1");
	}

}
