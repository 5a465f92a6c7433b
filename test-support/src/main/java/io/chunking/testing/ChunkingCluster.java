package io.chunking.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.chunking.support.EmbeddedCredentials;
import io.chunking.support.EmbeddedDefaults;

/**
 * A master process and worker processes started from the built jars ({@code master-app/target/master-app.jar},
 * {@code slave-worker/target/slave-worker.jar}, {@code samples/target/samples.jar}) on free localhost ports, with
 * the embedded infrastructure in the default data directory of a temporary working directory. Every process is
 * stopped on {@link #close()}; {@link ClusterExtension} does that for the tests of a class. The processes' logs go
 * to {@code target/e2e-logs/<name>} of the module whose tests run.
 */
public class ChunkingCluster implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	/** API user with the OPERATOR role that {@link #get}, {@link #post} and {@link #trigger} use. */
	public static final String OPERATOR = "operator";

	/** API user with the VIEWER role only. */
	public static final String VIEWER = "viewer";

	/** Id of the (first) master in {@link #scrape(String)} and {@link #health(String)}. */
	public static final String MASTER = "master";

	/** Password of both test users. */
	public static final String PASSWORD = "test-secret";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final Path root = projectRoot();

	private final Path dataDir;

	private final Path logDir;

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final List<String> masterArgs = new ArrayList<>();

	private final List<String> workerArgs = new ArrayList<>();

	private final List<Path> jobs = new ArrayList<>();

	private final List<Process> processes = new ArrayList<>();

	private final Map<String, Process> workers = new LinkedHashMap<>();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private Process master;

	public ChunkingCluster(Path dataDir, String name) throws IOException {
		this.dataDir = dataDir;
		this.logDir = Files.createDirectories(Path.of("target", "e2e-logs", name).toAbsolutePath());
		for (String port : List.of("broker", "jdbc", "s3", "mongo")) {
			this.ports.put(port, freePort());
		}
		this.ports.put("http", freePort());
		// Every process runs in dataDir with the default data directory, as on one host: the workers find the login
		// of the master's embedded servers there with no configuration.
		String common = "--chunking.embedded.broker-port=" + this.ports.get("broker") + " --chunking.embedded.jdbc-port="
				+ this.ports.get("jdbc") + " --chunking.embedded.s3-port=" + this.ports.get("s3")
				+ " --chunking.embedded.mongo-port=" + this.ports.get("mongo") + " --chunking.embedded.host=127.0.0.1";
		this.masterArgs.addAll(List.of(common.split(" ")));
		this.masterArgs.add("--server.port=" + this.ports.get("http"));
		List<String> users = List.of("--chunking.security.users[0].name=" + OPERATOR,
				"--chunking.security.users[0].password=" + PASSWORD, "--chunking.security.users[0].roles=OPERATOR",
				"--chunking.security.users[1].name=" + VIEWER, "--chunking.security.users[1].password=" + PASSWORD,
				"--chunking.security.users[1].roles=VIEWER");
		this.masterArgs.addAll(users);
		this.workerArgs.addAll(users);
		this.workerArgs.addAll(List.of(common.split(" ")));
	}

	/** Adds arguments to the master's command line (before {@link #startMaster()}). */
	public ChunkingCluster masterArgs(String... args) {
		this.masterArgs.addAll(List.of(args));
		return this;
	}

	/**
	 * Leaves the API users out of the master's command line (before {@link #startMaster()}): it generates an
	 * operator password, and the requests of this class, made as {@link #OPERATOR} or {@link #VIEWER}, are refused.
	 */
	public ChunkingCluster masterWithoutApiUsers() {
		this.masterArgs.removeIf((arg) -> arg.startsWith("--chunking.security.users["));
		return this;
	}

	/**
	 * Puts a jobs jar, or a directory of classes and resources, on the loader path of every process started from
	 * then on, after {@code samples.jar}: the jobs of a test module, e.g. {@code target/test-classes}. Their
	 * auto-configuration is found as a jobs jar's is, under {@code META-INF/spring} of one of the entries.
	 */
	public ChunkingCluster jobs(Path... jarsOrDirectories) {
		for (Path entry : jarsOrDirectories) {
			this.jobs.add(entry.toAbsolutePath());
		}
		return this;
	}

	/**
	 * Closes {@code resource} on {@link #close()} once every process of this cluster has stopped (resources in the
	 * reverse order of their registration): servers of its own that the processes use, e.g. an external broker.
	 * @return the resource
	 */
	public <T extends AutoCloseable> T closeAfterProcesses(T resource) {
		this.resources.add(resource);
		return resource;
	}

	/** Adds arguments to every worker's command line. */
	public ChunkingCluster workerArgs(String... args) {
		this.workerArgs.addAll(List.of(args));
		return this;
	}

	private int masterStarts;

	/** Starts the master (again, after {@link #killMaster()}: same ports and data) and waits until it is healthy. */
	public void startMaster() throws Exception {
		this.masterStarts++;
		String name = (this.masterStarts == 1) ? "master" : "master-" + this.masterStarts;
		this.master = launchMaster(name);
		awaitMasterHealthy(name, this.master);
	}

	/** The working directory of every process (the data directories are in it). */
	public Path workingDir() {
		return this.dataDir;
	}

	/**
	 * The first master's data directory (the default one, in the processes' working directory), where it stores the
	 * login of its embedded servers.
	 */
	public Path masterDataDir() {
		return this.dataDir.resolve(EmbeddedDefaults.DATA_DIR);
	}

	/**
	 * Starts one more master sharing the first one's broker, job repository, S3 and Mongo servers (as external
	 * URLs with the login the first master stored: it hosts no server of its own), on its own HTTP port, and waits
	 * until it is healthy. An extra argument replaces the master argument with the same name.
	 */
	public Process startPeerMaster(String name, String... extraArgs) throws Exception {
		String host = "127.0.0.1";
		List<String> args = new ArrayList<>(this.masterArgs);
		args.removeIf((arg) -> arg.startsWith("--chunking.embedded.") || arg.startsWith("--server.port=")
				|| arg.startsWith("--spring.artemis.") || arg.startsWith("--spring.datasource.")
				|| arg.startsWith("--chunking.store."));
		int port = freePort();
		this.ports.put("http-" + name, port);
		args.add("--server.port=" + port);
		args.addAll(externalServerArgs());
		replaceArgs(args, extraArgs);
		Process peer = start(name, "master-app/target/master-app.jar", args);
		awaitHealthy(name, peer, URI.create("http://" + host + ":" + port + "/actuator/health"));
		return peer;
	}

	/**
	 * The arguments that point a master at this cluster's servers as external ones (it then hosts none), logged in
	 * with the login the servers stored in the data directory.
	 */
	private List<String> externalServerArgs() {
		String host = "127.0.0.1";
		EmbeddedCredentials login = embeddedLogin();
		return List.of("--spring.artemis.broker-url=" + brokerUrl(), "--spring.artemis.user=" + login.user(),
				"--spring.artemis.password=" + login.password(),
				"--spring.datasource.url=jdbc:h2:tcp://" + host + ":" + this.ports.get("jdbc")
						+ "/chunking;DB_CLOSE_ON_EXIT=FALSE",
				"--spring.datasource.username=" + login.user(), "--spring.datasource.password=" + login.password(),
				"--chunking.store.s3.endpoint=http://" + host + ":" + this.ports.get("s3"),
				"--chunking.store.s3.access-key=" + login.user(), "--chunking.store.s3.secret-key=" + login.password(),
				"--chunking.store.mongo.uri=" + mongoUri());
	}

	/** Servers started by {@link #startServers()}, by name. */
	private final Map<String, Process> servers = new LinkedHashMap<>();

	/**
	 * Starts the embedded servers (H2 as {@code jdbc}, {@code mongo}, {@code s3}, {@code broker}) each as a process
	 * of its own, on this cluster's ports and data directory, and makes the master use them as external servers: one
	 * of them can then be stopped and started again while the master and the workers run. Call before
	 * {@link #startMaster()}.
	 */
	public ChunkingCluster startServers() throws Exception {
		for (String server : List.of("jdbc", "mongo", "s3", "broker")) {
			startServer(server);
		}
		this.masterArgs.removeIf((arg) -> arg.startsWith("--chunking.embedded."));
		this.masterArgs.addAll(externalServerArgs());
		return this;
	}

	/** Starts (again) the server of that name as a process, on its port and data, and waits until it serves. */
	public void startServer(String server) throws Exception {
		List<String> args = new ArrayList<>();
		args.add("--chunking.embedded.servers=" + server);
		args.add("--chunking.embedded.data-dir=" + masterDataDir());
		args.add("--chunking.embedded.host=127.0.0.1");
		args.add("--chunking.embedded." + server + "-port=" + this.ports.get(server));
		String name = "server-" + server + "-" + (this.serverStarts.merge(server, 1, Integer::sum));
		Process process = start(name, "master-app/target/master-app.jar",
				List.of("-Dloader.main=io.chunking.master.embedded.EmbeddedServersApplication"), args);
		awaitLog(name, "Started embedded", process);
		this.servers.put(server, process);
	}

	private final Map<String, Integer> serverStarts = new LinkedHashMap<>();

	/** Stops the server of that name with SIGTERM and waits until its process ended. */
	public void stopServer(String server) throws Exception {
		Process process = this.servers.remove(server);
		signal(process, "TERM");
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Server " + server + " did not stop within 30 s of SIGTERM");
		}
	}

	/**
	 * Stops the master with SIGTERM, adds arguments to its command line, and starts it again (same ports and data).
	 */
	public void restartMaster(String... extraArgs) throws Exception {
		signal(this.master, "TERM");
		if (!this.master.waitFor(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The master did not stop within 60 s of SIGTERM");
		}
		masterArgs(extraArgs);
		startMaster();
	}

	/** Kills the master with SIGKILL, as a crash would. */
	public void killMaster() throws Exception {
		this.master.destroyForcibly();
		if (!this.master.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The master did not die within 30 s of SIGKILL");
		}
	}

	/** Sends a signal (e.g. {@code KILL}, {@code TERM}, {@code STOP}, {@code CONT}) to a process. */
	public static void signal(Process process, String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -s " + signal + " " + process.pid() + " failed");
		}
	}

	/** Starts a worker with the given id (and extra arguments) and waits until it listens for requests. */
	public Process startWorker(String id, String... extraArgs) throws Exception {
		Process worker = launchWorker(id, extraArgs);
		awaitLog(id, "Started WorkerApplication", worker);
		return worker;
	}

	/** Starts a worker with the given id (and extra arguments) and returns at once: for a start meant to fail. */
	public Process launchWorker(String id, String... extraArgs) throws IOException {
		List<String> args = new ArrayList<>(this.workerArgs);
		args.add("--chunking.worker.id=" + id);
		int port = freePort();
		this.ports.put("http-" + id, port);
		args.add("--server.port=" + port);
		replaceArgs(args, extraArgs);
		Process worker = start(id, "slave-worker/target/slave-worker.jar", args);
		this.workers.put(id, worker);
		return worker;
	}

	/**
	 * Starts a master with this cluster's arguments (extra ones replace those of the same name) under a log name of
	 * its own, and returns at once: for a start meant to fail or to wait; {@link #awaitMasterHealthy} waits for it.
	 */
	public Process launchMaster(String name, String... extraArgs) throws IOException {
		List<String> args = new ArrayList<>(this.masterArgs);
		replaceArgs(args, extraArgs);
		return start(name, "master-app/target/master-app.jar", args);
	}

	/** Waits until a master started by {@link #launchMaster} on this cluster's HTTP port is healthy. */
	public void awaitMasterHealthy(String name, Process process) throws Exception {
		awaitHealthy(name, process, uri("/actuator/health"));
	}

	private static void replaceArgs(List<String> args, String... extraArgs) {
		for (String extra : extraArgs) {
			String key = extra.substring(0, extra.indexOf('=') + 1);
			args.removeIf((arg) -> arg.startsWith(key));
			args.add(extra);
		}
	}

	/** The (first) master's current process. */
	public Process master() {
		return this.master;
	}

	/**
	 * Sends SIGTERM to a process and waits until it exits.
	 * @return its exit code
	 * @throws IllegalStateException if it is still alive after {@code timeout}
	 */
	public static int terminate(Process process, Duration timeout) throws Exception {
		signal(process, "TERM");
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Process " + process.pid() + " did not exit within " + timeout + " of SIGTERM");
		}
		return process.exitValue();
	}

	private Process start(String name, String jar, List<String> args) throws IOException {
		return start(name, jar, List.of(), args);
	}

	private Process start(String name, String jar, List<String> jvmOptions, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.addAll(jvmOptions);
		// The sample jobs' own dependencies (samples/target/samples-lib/) come with them, as a jobs jar's would.
		List<String> loaderPath = new ArrayList<>(List.of(this.root.resolve("samples/target/samples.jar").toString(),
				this.root.resolve("samples/target/samples-lib").toString()));
		this.jobs.forEach((entry) -> loaderPath.add(entry.toString()));
		command.add("-Dloader.path=" + String.join(",", loaderPath));
		command.add("-jar");
		command.add(this.root.resolve(jar).toString());
		command.addAll(args);
		File log = this.logDir.resolve(name + ".log").toFile();
		Process process = new ProcessBuilder(command).directory(this.dataDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
		this.processes.add(process);
		return process;
	}

	private void awaitHealthy(String name, Process process, URI health) throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
						+ this.logDir.resolve(name + ".log"));
			}
			try {
				HttpResponse<String> response = this.http.send(
						HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(name + " was not healthy within " + START_TIMEOUT + "; see "
				+ this.logDir.resolve(name + ".log"));
	}

	public void awaitLog(String name, String text, Process process) throws Exception {
		Path log = this.logDir.resolve(name + ".log");
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(log) && Files.readString(log).contains(text)) {
				return;
			}
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(name + " did not log '" + text + "' within " + START_TIMEOUT + "; see " + log);
	}

	public String log(String name) throws IOException {
		return Files.readString(this.logDir.resolve(name + ".log"));
	}

	/** A URI of the HTTP (actuator) endpoint of the worker or peer master started with that id. */
	public URI uri(String id, String path) {
		return URI.create("http://127.0.0.1:" + this.ports.get("http-" + id) + path);
	}

	/** GETs {@code path} of a worker's or peer master's HTTP endpoint as the {@link #VIEWER}. */
	public Response getFrom(String id, String path) throws Exception {
		return send(authorized(HttpRequest.newBuilder(uri(id, path)).timeout(Duration.ofSeconds(30)).GET(), VIEWER)
			.build());
	}

	/**
	 * The Prometheus exposition of the master ({@code "master"}) or of the worker or peer master with that id, read
	 * as the {@link #VIEWER}.
	 */
	public String scrape(String id) throws Exception {
		Response response = MASTER.equals(id) ? send("GET", "/actuator/prometheus", null, VIEWER)
				: getFrom(id, "/actuator/prometheus");
		if (response.status() != 200) {
			throw new IllegalStateException("/actuator/prometheus of " + id + " answered " + response.status());
		}
		return response.text();
	}

	/** The health of the master ({@code "master"}) or of the worker or peer master with that id, as the {@link #VIEWER}. */
	public Response health(String id) throws Exception {
		return MASTER.equals(id) ? send("GET", "/actuator/health", null, VIEWER) : getFrom(id, "/actuator/health");
	}

	/**
	 * Waits until a series of {@link #scrape(String) the scrape} of {@code id} has the value (gauges of the master
	 * are read from the stores every few seconds).
	 */
	public void awaitMetric(String id, String series, double value, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		java.util.OptionalDouble last = java.util.OptionalDouble.empty();
		while (System.nanoTime() < deadline) {
			last = Prometheus.value(scrape(id), series);
			if (last.isPresent() && last.getAsDouble() == value) {
				return;
			}
			Thread.sleep(500);
		}
		throw new AssertionError(series + " of " + id + " was " + last + ", not " + value + ", for " + timeout);
	}

	private static HttpRequest.Builder authorized(HttpRequest.Builder request, String user) {
		if (user != null) {
			request.header("Authorization", basic(user, PASSWORD));
		}
		return request;
	}

	private static String basic(String user, String password) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.ports.get("http") + path);
	}

	public String mongoUri() {
		return "mongodb://127.0.0.1:" + this.ports.get("mongo");
	}

	/**
	 * The login of the embedded servers, as the master (or the servers started by {@link #startServers()}) stored it
	 * in the data directory.
	 */
	public EmbeddedCredentials embeddedLogin() {
		return EmbeddedCredentials.read(masterDataDir())
			.orElseThrow(() -> new IllegalStateException("No embedded login stored in " + masterDataDir()
					+ ": start the master (or the servers) first"));
	}

	/**
	 * An S3 client of the master's embedded S3-compatible server, logged in as its user (the caller closes it), to
	 * put a job's input objects and read its outputs.
	 */
	public software.amazon.awssdk.services.s3.S3Client s3Client() {
		EmbeddedCredentials login = embeddedLogin();
		return io.chunking.store.s3.S3ClientFactory.create(URI.create("http://127.0.0.1:" + this.ports.get("s3")),
				"us-east-1", true, login.user(), login.password(), 8, Duration.ofMinutes(1));
	}

	/** URL of the embedded Artemis broker's TCP acceptor. */
	public String brokerUrl() {
		return "tcp://127.0.0.1:" + this.ports.get("broker");
	}

	/**
	 * A JMS connection factory of the master's embedded broker, logged in as its user (the caller closes it). It
	 * denies every class to Java deserialization, as the workers do.
	 */
	public org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory brokerConnectionFactory() {
		EmbeddedCredentials login = embeddedLogin();
		var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(brokerUrl(), login.user(),
				login.password());
		factory.setDeserializationDenyList("*");
		return factory;
	}

	/** What a run of the CLI returned and printed. */
	public record CliRun(int exit, String out, String err) {
	}

	/** Runs {@code cli/target/chunking-cli.jar} in the data directory, as the {@link #OPERATOR} of this master. */
	public CliRun cliAsOperator(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("--url", uri("").toString(), "--user", OPERATOR, "--password",
				PASSWORD));
		command.addAll(List.of(args));
		return cli(command.toArray(String[]::new));
	}

	/** Runs {@code cli/target/chunking-cli.jar} in the data directory and waits at most 3 minutes for it. */
	public CliRun cli(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", this.root.resolve("cli/target/chunking-cli.jar").toString()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile(this.dataDir, "cli", ".out");
		Path err = Files.createTempFile(this.dataDir, "cli", ".err");
		Process process = new ProcessBuilder(command).directory(this.dataDir.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("chunking " + String.join(" ", args) + " did not end within 3 minutes");
		}
		return new CliRun(process.exitValue(), Files.readString(out, java.nio.charset.StandardCharsets.UTF_8),
				Files.readString(err, java.nio.charset.StandardCharsets.UTF_8));
	}

	/** A response: status and body parsed as a JSON object (empty if the body is not one). */
	public record Response(int status, Map<String, Object> body, String text) {
	}

	/** POSTs as the {@link #OPERATOR}. */
	public Response post(String path, String body) throws Exception {
		return send("POST", path, body, OPERATOR);
	}

	/** GETs as the {@link #OPERATOR}. */
	public Response get(String path) throws Exception {
		return send("GET", path, null, OPERATOR);
	}

	/**
	 * A request to the master's {@code path} with HTTP Basic credentials (none if {@code user} is {@code null}), for
	 * what the other methods do not send: another content type, another password. Send it with
	 * {@link #send(HttpRequest)}.
	 */
	public HttpRequest.Builder request(String path, String user, String password) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
		if (user != null) {
			request.header("Authorization", basic(user, password));
		}
		return request;
	}

	/**
	 * A connection to the master's embedded job repository (H2 over TCP), to check what the Spring Batch tables
	 * hold.
	 */
	public java.sql.Connection jobRepository() throws java.sql.SQLException {
		EmbeddedCredentials login = embeddedLogin();
		return java.sql.DriverManager.getConnection(
				"jdbc:h2:tcp://127.0.0.1:" + this.ports.get("jdbc") + "/chunking;DB_CLOSE_ON_EXIT=FALSE", login.user(),
				login.password());
	}

	/**
	 * Sends a request as {@code user} (with {@link #PASSWORD}), or without credentials if {@code user} is
	 * {@code null}.
	 */
	public Response send(String method, String path, String body, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(authorized(request, user).build());
	}

	/** Sends a request, e.g. one built with {@link #request(String, String, String)}. */
	public Response send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		Map<String, Object> body = Map.of();
		if (response.body().startsWith("{")) {
			body = this.json.readValue(response.body(), MAP);
		}
		return new Response(response.statusCode(), body, response.body());
	}

	/** Triggers a job and returns the execution id. */
	public long trigger(String job, Map<String, String> parameters) throws Exception {
		return trigger(uri("/api/jobs/" + job + "/executions"), job, parameters);
	}

	/** Triggers a job through the API of the peer master started with that id, and returns the execution id. */
	public long triggerOn(String peer, String job, Map<String, String> parameters) throws Exception {
		return trigger(uri(peer, "/api/jobs/" + job + "/executions"), job, parameters);
	}

	private long trigger(URI uri, String job, Map<String, String> parameters) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("parameters", parameters))));
		Response response = send(authorized(request, OPERATOR).build());
		if (response.status() != 202) {
			throw new IllegalStateException("Trigger of " + job + " answered " + response.status() + ": " + response.text());
		}
		return ((Number) response.body().get("executionId")).longValue();
	}

	/**
	 * Waits until the job of an execution has a newer execution (a restart of it, by a master that recovered it or
	 * took it over) and returns the newer one's id.
	 */
	public long awaitNewerExecution(long executionId, Duration timeout) throws Exception {
		String job = (String) get("/api/executions/" + executionId).body().get("jobName");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<?> newest = (List<?>) get("/api/executions?jobName=" + job + "&size=1").body().get("executions");
			if (newest != null && !newest.isEmpty()) {
				long id = ((Number) ((Map<?, ?>) newest.get(0)).get("id")).longValue();
				if (id > executionId) {
					return id;
				}
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("Execution " + executionId + " was not continued within " + timeout);
	}

	/** Waits until the execution is no longer running and returns its view. */
	public Map<String, Object> awaitEnd(long executionId, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Object> view = Map.of();
		while (System.nanoTime() < deadline) {
			view = get("/api/executions/" + executionId).body();
			Object status = view.get("status");
			if ("COMPLETED".equals(status) || "FAILED".equals(status) || "STOPPED".equals(status)
					|| "ABANDONED".equals(status)) {
				return view;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Execution " + executionId + " did not end within " + timeout + ": " + view);
	}

	public JsonMapper json() {
		return this.json;
	}

	public Process worker(String id) {
		return this.workers.get(id);
	}

	/** The index of a chunk the ledger shows {@code worker} running for the instance, or {@code null}. */
	public Integer heldBy(String worker, long jobInstanceId) {
		return ledger(jobInstanceId).values()
			.stream()
			.filter((chunk) -> "RUNNING".equals(chunk.getString("status")) && worker.equals(chunk.getString("workerId")))
			.map((chunk) -> chunk.getInteger("chunkIndex"))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Freezes the worker with SIGSTOP at a moment the ledger shows it holding a chunk (otherwise lets it go on and
	 * tries again a moment later), and returns the index of that chunk. The worker stays frozen.
	 */
	public int freezeWhileHoldingAChunk(String worker, long jobInstanceId) throws Exception {
		Process process = worker(worker);
		for (int tries = 0; tries < 200; tries++) {
			signal(process, "STOP");
			Integer held = heldBy(worker, jobInstanceId);
			if (held != null) {
				return held;
			}
			signal(process, "CONT");
			Thread.sleep(20);
		}
		throw new IllegalStateException(worker + " never held a chunk when looked at");
	}

	/**
	 * Kills the worker with SIGKILL at a moment the ledger shows it holding a chunk of the instance (frozen first, as
	 * {@link #freezeWhileHoldingAChunk} does), waits until it exited, and returns the index of that chunk.
	 */
	public int killWhileHoldingAChunk(String worker, long jobInstanceId) throws Exception {
		Process process = worker(worker);
		int held = freezeWhileHoldingAChunk(worker, jobInstanceId);
		process.destroyForcibly();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			throw new IllegalStateException(worker + " did not exit within 20 s of its SIGKILL");
		}
		return held;
	}

	/** The chunk ledger documents of a job instance, by chunk index, read straight from the Mongo-wire server. */
	public Map<Integer, org.bson.Document> ledger(long jobInstanceId) {
		Map<Integer, org.bson.Document> chunks = new java.util.TreeMap<>();
		try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients.create(mongoUri())) {
			for (org.bson.Document chunk : mongo.getDatabase("chunking")
				.getCollection("chunks")
				.find(new org.bson.Document("jobInstanceId", jobInstanceId))) {
				chunks.put(chunk.getInteger("chunkIndex"), chunk);
			}
		}
		return chunks;
	}

	/**
	 * The shared document of a cron schedule (collection {@code chunking_schedules}), read straight from the
	 * Mongo-wire server, or {@code null}.
	 */
	public org.bson.Document schedule(String name) {
		try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients.create(mongoUri())) {
			return mongo.getDatabase("chunking")
				.getCollection("chunking_schedules")
				.find(new org.bson.Document("_id", name))
				.first();
		}
	}

	/** Waits until at least {@code chunks} chunks of the execution are succeeded. */
	public void awaitSucceeded(long executionId, long chunks, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Map<String, Object> view = get("/api/executions/" + executionId).body();
			Map<?, ?> counts = (Map<?, ?>) view.get("chunks");
			if (counts != null && ((Number) counts.get("succeeded")).longValue() >= chunks) {
				return;
			}
			if (!"STARTED".equals(view.get("status")) && !"STARTING".equals(view.get("status"))) {
				throw new IllegalStateException("Execution " + executionId + " ended early: " + view);
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Fewer than " + chunks + " chunks of execution " + executionId
				+ " succeeded within " + timeout);
	}

	@Override
	public void close() throws Exception {
		stopAll(this.processes, Duration.ofSeconds(20));
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	/**
	 * Sends SIGTERM to every process, then SIGKILL to those still alive {@code grace} later, and waits at most 10 s
	 * more for each of them.
	 */
	public static void stopAll(List<Process> processes, Duration grace) throws InterruptedException {
		for (Process process : processes) {
			process.destroy();
		}
		for (Process process : processes) {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	/** Ports below Linux's ephemeral range (32768-60999): outgoing connections never take them meanwhile. */
	private static final int FIRST_PORT = 20_000;

	private static final int LAST_PORT = 32_000;

	/**
	 * Ports of each test JVM Failsafe forks, numbered by the {@code chunking.it.fork} system property (1, 2, ...):
	 * two forks never pick the same port in the moment between its check and its bind by a process.
	 */
	private static final int PORTS_PER_FORK = 3_000;

	private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * A port free now, outside the ephemeral range: a port the kernel handed out for {@code bind(0)} could be
	 * taken by one of the many client connections the processes open before the server binds it. Never the same
	 * port twice in one test JVM, and only ports of this JVM's fork (all of them outside a fork).
	 */
	public static int freePort() throws IOException {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		int fork = Integer.getInteger("chunking.it.fork", 0);
		int first = (fork > 0) ? FIRST_PORT + (fork - 1) * PORTS_PER_FORK : FIRST_PORT;
		int last = (fork > 0) ? Math.min(first + PORTS_PER_FORK, LAST_PORT) : LAST_PORT;
		if (first >= last) {
			throw new IllegalStateException("Fork " + fork + " has no ports between " + FIRST_PORT + " and " + LAST_PORT
					+ ": run at most " + (LAST_PORT - FIRST_PORT) / PORTS_PER_FORK + " forks");
		}
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = random.nextInt(first, last);
			if (GIVEN.contains(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
				GIVEN.add(port);
				return port;
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IOException("No free port between " + first + " and " + last + " after 200 tries");
	}

	/** The root of the project (the directory holding {@code master-app/pom.xml}) the tests run in. */
	public static Path projectRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("master-app/pom.xml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Run the tests from within the project (no master-app/pom.xml found above "
					+ Path.of("").toAbsolutePath() + ")");
		}
		return dir;
	}

}
