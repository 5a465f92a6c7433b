package io.chunking.cli;

import java.util.Set;

/**
 * One command of the CLI, such as {@code chunking show <executionId>}: what it is called, how it is used, and what
 * it does. The connection options, {@code --json} and {@code --help} apply to every command; {@link #options()}
 * names the others it takes.
 */
abstract class Command {

	private final String name;

	private final String synopsis;

	private final String summary;

	/**
	 * @param name the word that selects this command
	 * @param synopsis what follows the name, such as {@code <executionId> [--status S]}; empty if nothing does
	 * @param summary what the command does, in one line
	 */
	Command(String name, String synopsis, String summary) {
		this.name = name;
		this.synopsis = synopsis;
		this.summary = summary;
	}

	final String name() {
		return this.name;
	}

	final String synopsis() {
		return this.synopsis;
	}

	final String summary() {
		return this.summary;
	}

	/** More help shown by {@code chunking <name> --help}: the arguments and options; empty if none. */
	String details() {
		return "";
	}

	/** The options this command takes besides the ones every command takes. */
	Set<String> options() {
		return Set.of();
	}

	/**
	 * Does what the command says.
	 * @return the exit code, one of {@link ExitCodes}
	 */
	abstract int execute(CommandContext context);

}
