package io.chunking.samples.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chunking.samples.testing.ChunkingCluster;
import io.chunking.samples.testing.ExpectedChecksum;
import tools.jackson.databind.JsonNode;

/**
 * The CLI jar as operators run it, against a master and a worker process.
 */
class CliIntegrationTests {

	@TempDir
	static Path dataDir;

	static ChunkingCluster cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = new ChunkingCluster(dataDir, "cli");
		cluster.startMaster();
		cluster.startWorker("worker-cli");
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	record Result(int exit, String out, String err) {
	}

	@Test
	void followedRunExitsZeroAndPrintsTheResult() throws Exception {
		Result run = operator("run", "demo-checksum", "items=20000", "chunkSize=200", "--follow");
		assertThat(run.exit()).as("%s", run).isZero();
		assertThat(run.out()).contains("Started demo-checksum execution").contains(": COMPLETED")
			.contains("\"count\" : 20000")
			.contains("\"checksum\" : \"" + ExpectedChecksum.of(20_000) + "\"");
		assertThat(run.err()).contains("100.0%  100/100 chunks");
		String id = run.out().replaceAll("(?s).*Started demo-checksum execution (\\d+).*", "$1");

		Result chunks = operator("chunks", id, "--status", "SUCCEEDED", "--size", "5");
		assertThat(chunks.exit()).isZero();
		assertThat(chunks.out()).contains("SUCCEEDED").contains("worker-cli");
		assertThat(chunks.out().lines().count()).isEqualTo(6);
		Result show = operator("show", id);
		assertThat(show.out()).contains("100 succeeded").contains("20000 written");
		Result executions = operator("executions", "--job", "demo-checksum", "--status", "COMPLETED");
		assertThat(executions.out()).containsPattern("(?m)^" + id + "\\s+demo-checksum\\s+COMPLETED");
		Result workers = operator("workers");
		assertThat(workers.exit()).isZero();
		assertThat(workers.out()).contains("worker-cli").contains("ACTIVE");
		Result jobs = operator("jobs");
		assertThat(jobs.out()).contains("demo-checksum").contains("chunkSize:LONG=500");
		assertThat(operator("schedules").exit()).isZero();

		Result stop = operator("stop", id);
		assertThat(stop.exit()).as("stopping a completed execution").isEqualTo(1);
		assertThat(stop.err()).contains("is COMPLETED");
	}

	@Test
	void followedRunOfAPoisonedJobExitsNonZero() throws Exception {
		Result run = operator("run", "demo-checksum", "items=2000", "chunkSize=100", "poisonChunks=3",
				"maxAttempts=1", "--follow");
		assertThat(run.exit()).as("%s", run).isEqualTo(1);
		assertThat(run.out()).contains(": FAILED").contains("chunk 3");
	}

	@Test
	void followedRunWithJsonPrintsOnlyTheExecutionOnStdout() throws Exception {
		Result run = operator("run", "demo-checksum", "items=2000", "chunkSize=100", "--follow", "--json");
		assertThat(run.exit()).as("%s", run).isZero();
		JsonNode execution = cluster.json().readTree(run.out());
		assertThat(execution.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(execution.path("result").path("checksum").asString()).isEqualTo(ExpectedChecksum.of(2_000));
		assertThat(run.err()).contains("Started demo-checksum execution " + execution.path("id").asLong());
	}

	@Test
	void credentialsComeFromTheCredentialsFileAndRolesAreEnforced() throws Exception {
		Path file = dataDir.resolve("viewer.properties");
		Files.writeString(file, "url=" + cluster.uri("").toString().replace(":", "\\:") + "\nuser="
				+ ChunkingCluster.VIEWER + "\npassword=" + ChunkingCluster.PASSWORD + "\n");
		Result jobs = cli("--credentials", file.toString(), "jobs");
		assertThat(jobs.exit()).as("%s", jobs).isZero();
		Result run = cli("--credentials", file.toString(), "run", "demo-checksum");
		assertThat(run.exit()).isEqualTo(3);
		assertThat(run.err()).contains("'viewer' may not POST").contains("OPERATOR role");
		Result anonymous = cli("--url", cluster.uri("").toString(), "jobs");
		assertThat(anonymous.exit()).isEqualTo(3);
		assertThat(anonymous.err()).contains("Authentication failed");
		Result unknown = operator("run", "no-such-job");
		assertThat(unknown.exit()).isEqualTo(3);
		assertThat(unknown.err()).contains("No job named 'no-such-job'");
		Result usage = operator("show");
		assertThat(usage.exit()).isEqualTo(2);
	}

	private static Result operator(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("--url", cluster.uri("").toString(), "--user",
				ChunkingCluster.OPERATOR, "--password", ChunkingCluster.PASSWORD));
		command.addAll(List.of(args));
		return cli(command.toArray(String[]::new));
	}

	private static Result cli(String... args) throws Exception {
		Path root = Path.of("").toAbsolutePath().getParent();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", root.resolve("cli/target/chunking-cli.jar").toString()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile(dataDir, "cli", ".out");
		Path err = Files.createTempFile(dataDir, "cli", ".err");
		Process process = new ProcessBuilder(command).directory(dataDir.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("chunking " + String.join(" ", args) + " did not end within 3 minutes");
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

}
