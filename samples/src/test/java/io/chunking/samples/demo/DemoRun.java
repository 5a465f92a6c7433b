package io.chunking.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.chunking.testing.ChunkingCluster;

/**
 * One run of {@code samples/demo} as a child process, started from the project root like a user would. Its output
 * (stdout and stderr) goes to {@code samples/target/e2e-logs/demo-<name>/demo-output.txt}; the processes it starts
 * log into the script's own directory, {@code samples/target/demo/} (cleaned by the script at each run), whose logs
 * are copied next to the output on {@link #close()}.
 */
final class DemoRun implements AutoCloseable {

	private static final Path ROOT = ChunkingCluster.projectRoot();

	private static final Path DEMO_DIR = ROOT.resolve("samples/target/demo");

	private static final List<String> JARS = List.of("master-app/target/master-app.jar",
			"slave-worker/target/slave-worker.jar", "samples/target/samples.jar");

	private final Process process;

	private final Path logDir;

	private final Path output;

	private DemoRun(Process process, Path logDir, Path output) {
		this.process = process;
		this.logDir = logDir;
		this.output = output;
	}

	/**
	 * The demo's environment: every {@code DEMO_*_PORT} on a free port, {@code DEMO_TIMEOUT} 600 s,
	 * {@code JAVA_HOME} the JDK running the tests, then the given {@code NAME=value} settings.
	 */
	static Map<String, String> environment(String... settings) throws IOException {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String port : List.of("HTTP", "BROKER", "JDBC", "S3", "MONGO")) {
			environment.put("DEMO_" + port + "_PORT", Integer.toString(ChunkingCluster.freePort()));
		}
		environment.put("DEMO_TIMEOUT", "600");
		environment.put("JAVA_HOME", System.getProperty("java.home"));
		for (String setting : settings) {
			environment.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		return environment;
	}

	/**
	 * Starts {@code samples/demo} with the arguments, in an environment of only the given {@code DEMO_*} variables.
	 * The jars must have been built (by the reactor): otherwise the demo would build them with {@code mvnw install}.
	 */
	static DemoRun start(String name, Map<String, String> environment, String... args) throws IOException {
		for (String jar : JARS) {
			if (!Files.isRegularFile(ROOT.resolve(jar))) {
				throw new IllegalStateException(jar + " is missing: build the project (./mvnw package) before this test");
			}
		}
		Path logDir = Files.createDirectories(ROOT.resolve("samples/target/e2e-logs/demo-" + name));
		Path output = logDir.resolve("demo-output.txt");
		List<String> command = new ArrayList<>();
		command.add(ROOT.resolve("samples/demo").toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().keySet().removeIf((variable) -> variable.startsWith("DEMO_"));
		builder.environment().putAll(environment);
		return new DemoRun(builder.start(), logDir, output);
	}

	/** The script's directory of process logs, data and process ids. */
	Path directory() {
		return DEMO_DIR;
	}

	String output() throws IOException {
		return Files.readString(this.output);
	}

	/** Waits until the output contains {@code text}; fails if the demo ends first. */
	void awaitOutput(String text, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!output().contains(text)) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The demo exited with " + this.process.exitValue() + " before printing '"
						+ text + "':\n" + output());
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The demo did not print '" + text + "' within " + timeout + ":\n" + output());
			}
			Thread.sleep(100);
		}
	}

	/** Waits until the demo exits and returns its exit code. */
	int awaitExit(Duration timeout) throws Exception {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("The demo did not end within " + timeout + ":\n" + output());
		}
		return this.process.exitValue();
	}

	/** Kills one of the demo's processes ({@code master}, {@code demo-worker-1}, ...) with SIGKILL. */
	void kill(String name) throws Exception {
		ProcessHandle process = started(name)
			.orElseThrow(() -> new IllegalStateException("The demo's " + name + " is not running"));
		process.destroyForcibly();
		process.onExit().get(30, TimeUnit.SECONDS);
	}

	/** Asserts that no process the demo started (each has a {@code <name>.pid} file) is still running. */
	void assertEveryProcessStopped() throws IOException {
		for (String name : startedNames()) {
			assertThat(started(name)).as("the demo's %s after the demo ended", name).isEmpty();
		}
	}

	/** Stops the demo (SIGTERM, as Ctrl-C would), kills what it left running, and copies the process logs. */
	@Override
	public void close() throws Exception {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		if (!Files.isDirectory(DEMO_DIR)) {
			return;
		}
		for (String name : startedNames()) {
			started(name).ifPresent(ProcessHandle::destroyForcibly);
		}
		try (Stream<Path> files = Files.list(DEMO_DIR)) {
			for (Path log : files.filter((file) -> file.toString().endsWith(".log")).toList()) {
				Files.copy(log, this.logDir.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	private static List<String> startedNames() throws IOException {
		try (Stream<Path> files = Files.list(DEMO_DIR)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".pid"))
				.map((file) -> file.substring(0, file.length() - ".pid".length()))
				.sorted()
				.toList();
		}
	}

	/** The live Java process whose id the demo wrote to {@code <name>.pid}, if any. */
	private static Optional<ProcessHandle> started(String name) throws IOException {
		long pid = Long.parseLong(Files.readString(DEMO_DIR.resolve(name + ".pid")).trim());
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().command().map((command) -> command.endsWith("java")).orElse(false));
	}

}
