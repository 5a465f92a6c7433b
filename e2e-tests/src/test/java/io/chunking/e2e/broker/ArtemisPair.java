package io.chunking.e2e.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.chunking.testing.ChunkingCluster;

/**
 * A primary/backup pair of standalone Apache Artemis brokers replicating their journal, made as an operator makes
 * them: instances created with the distribution's own {@code bin/artemis create} (login required, no web console,
 * one CORE acceptor each on a free localhost port, a static cluster connection to each other) and each run as a
 * process of its own with {@code bin/artemis run} on the JDK running the tests. Each instance also has the
 * dead-letter queue and address settings that docs/operations.md asks of an external broker. The brokers' output
 * goes to {@code artemis-primary.log} and {@code artemis-backup.log} of the log directory.
 */
final class ArtemisPair implements AutoCloseable {

	/** System property naming the unpacked distribution (set by the build: target/artemis-distribution/...). */
	static final String HOME_PROPERTY = "chunking.it.artemis.home";

	static final String USER = "chunking";

	static final String PASSWORD = "broker-secret";

	/** Every wait of this class: creating an instance, a broker's start, the backup's synchronisation. */
	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	/** What the address settings of the request and dead-letter queues add (docs/operations.md, Artemis). */
	private static final String ADDRESS_SETTINGS = """
			<address-settings>
			         <address-setting match="chunking.requests.#">
			            <dead-letter-address>chunking.dead-letters</dead-letter-address>
			            <max-delivery-attempts>10</max-delivery-attempts>
			            <redelivery-delay>1000</redelivery-delay>
			         </address-setting>
			         <address-setting match="chunking.dead-letters">
			            <max-delivery-attempts>-1</max-delivery-attempts>
			            <management-browse-page-size>100000</management-browse-page-size>
			         </address-setting>""";

	private final Path home;

	private final Path dir;

	private final Path logDir;

	private final int primaryPort;

	private final int backupPort;

	private final List<Process> processes = new ArrayList<>();

	private Process primary;

	private Process backup;

	private ArtemisPair(Path home, Path dir, Path logDir) throws IOException {
		this.home = home;
		this.dir = Files.createDirectories(dir);
		this.logDir = Files.createDirectories(logDir);
		this.primaryPort = ChunkingCluster.freePort();
		this.backupPort = ChunkingCluster.freePort();
	}

	/**
	 * The unpacked distribution named by {@value #HOME_PROPERTY}, if it holds {@code bin/artemis} (empty when the
	 * test runs outside the build, e.g. from an IDE that did not run {@code pre-integration-test}).
	 */
	static Optional<Path> distribution() {
		String home = System.getProperty(HOME_PROPERTY);
		return Optional.ofNullable(home).map(Path::of).filter((path) -> Files.isRegularFile(path.resolve("bin/artemis")));
	}

	/**
	 * Creates both instances under {@code dir}, starts the primary, then the backup, and returns once the backup
	 * has announced itself synchronised with the primary.
	 */
	static ArtemisPair start(Path home, Path dir, Path logDir) throws Exception {
		ArtemisPair pair = new ArtemisPair(home, dir, logDir);
		try {
			pair.create("primary", pair.primaryPort, pair.backupPort);
			pair.create("backup", pair.backupPort, pair.primaryPort, "--backup");
			pair.primary = pair.run("primary");
			pair.awaitLog("primary", pair.primary, "AMQ221007: Server is now active");
			pair.backup = pair.run("backup");
			pair.awaitLog("backup", pair.backup, "AMQ221024: Backup server");
			pair.awaitLog("backup", pair.backup, "AMQ221031: backup announced");
			return pair;
		}
		catch (Exception ex) {
			pair.close();
			throw ex;
		}
	}

	/**
	 * The URL clients use: both brokers, with failover to the backup ({@code ha=true}), reconnecting without end
	 * and blocking calls bounded to 30 s while a failover is under way.
	 */
	String haUrl() {
		return "(tcp://127.0.0.1:" + this.primaryPort + ",tcp://127.0.0.1:" + this.backupPort
				+ ")?ha=true&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000"
				+ "&callFailoverTimeout=30000";
	}

	/** Kills the primary broker with SIGKILL, as a crash of its machine would, and waits until it is gone. */
	void killPrimary() throws Exception {
		this.primary.destroyForcibly();
		if (!this.primary.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The primary broker did not die within 30 s of SIGKILL");
		}
	}

	/** Waits until the backup broker logs that it is active (it took over from the primary). */
	void awaitBackupActive() throws Exception {
		awaitLog("backup", this.backup, "AMQ221007: Server is now active");
	}

	/** What the broker ({@code primary} or {@code backup}) printed so far. */
	private String log(String broker) throws IOException {
		Path log = logOf(broker);
		return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
	}

	private void create(String broker, int port, int peerPort, String... extra) throws Exception {
		List<String> command = new ArrayList<>(List.of("sh", this.home.resolve("bin/artemis").toString(), "create",
				"--silent", "--name", broker, "--user", USER, "--password", PASSWORD, "--require-login", "--no-web",
				"--host", "127.0.0.1", "--default-port", Integer.toString(port), "--no-amqp-acceptor",
				"--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor", "--nio", "--no-autotune",
				"--java-memory", "512M", "--clustered", "--replicated", "--cluster-user", "chunking-cluster",
				"--cluster-password", "cluster-secret", "--static-cluster", "tcp://127.0.0.1:" + peerPort,
				"--queues", "chunking.dead-letters"));
		command.addAll(List.of(extra));
		command.add(instance(broker).toString());
		Path log = this.logDir.resolve("artemis-create-" + broker + ".log");
		Process create = process(command, log);
		if (!create.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			create.destroyForcibly();
			throw new IllegalStateException("artemis create " + broker + " did not end within " + TIMEOUT + "; see " + log);
		}
		if (create.exitValue() != 0) {
			throw new IllegalStateException("artemis create " + broker + " exited with " + create.exitValue() + "; see "
					+ log);
		}
		Path brokerXml = instance(broker).resolve("etc/broker.xml");
		String xml = Files.readString(brokerXml, StandardCharsets.UTF_8);
		if (!xml.contains("<address-settings>")) {
			throw new IllegalStateException(brokerXml + " has no <address-settings> to add the chunking settings to");
		}
		Files.writeString(brokerXml, xml.replaceFirst("<address-settings>", ADDRESS_SETTINGS), StandardCharsets.UTF_8);
	}

	private Process run(String broker) throws IOException {
		Process process = process(List.of("sh", instance(broker).resolve("bin/artemis").toString(), "run"),
				logOf(broker));
		this.processes.add(process);
		return process;
	}

	private Process process(List<String> command, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().remove("JAVA_ARGS");
		return builder.start();
	}

	private void awaitLog(String broker, Process process, String text) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (log(broker).contains(text)) {
				return;
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("The " + broker + " broker exited with " + process.exitValue()
						+ " before logging '" + text + "'; see " + logOf(broker));
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The " + broker + " broker did not log '" + text + "' within " + TIMEOUT
				+ "; see " + logOf(broker));
	}

	private Path instance(String broker) {
		return this.dir.resolve(broker);
	}

	private Path logOf(String broker) {
		return this.logDir.resolve("artemis-" + broker + ".log");
	}

	/** Stops both brokers (SIGTERM, then SIGKILL after 30 s). */
	@Override
	public void close() throws Exception {
		ChunkingCluster.stopAll(this.processes, Duration.ofSeconds(30));
	}

}
