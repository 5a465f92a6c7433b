package io.chunking.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.ChunkingCluster.CliRun;
import io.chunking.testing.ExpectedChecksum;
import tools.jackson.databind.JsonNode;

/**
 * The CLI jar as operators run it, against the master and worker processes of {@link ClusterExtension#shared()}.
 */
class CliIntegrationTests {

	private static final String WORKER = ClusterExtension.SHARED_WORKER;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.shared();

	@Test
	void followedRunExitsZeroAndPrintsTheResult() throws Exception {
		CliRun run = operator("run", "demo-checksum", "items=20000", "chunkSize=200", "--follow");
		assertThat(run.exit()).as("%s", run).isZero();
		assertThat(run.out()).contains("Started demo-checksum execution").contains(": COMPLETED")
			.contains("\"count\" : 20000")
			.contains("\"checksum\" : \"" + ExpectedChecksum.of(20_000) + "\"");
		assertThat(run.err()).contains("100.0%  100/100 chunks");
		String id = run.out().replaceAll("(?s).*Started demo-checksum execution (\\d+).*", "$1");

		CliRun chunks = operator("chunks", id, "--status", "SUCCEEDED", "--size", "5");
		assertThat(chunks.exit()).isZero();
		assertThat(chunks.out()).contains("SUCCEEDED").contains(WORKER);
		assertThat(chunks.out().lines().count()).isEqualTo(6);
		CliRun show = operator("show", id);
		assertThat(show.out()).contains("100 succeeded").contains("20000 written");
		CliRun executions = operator("executions", "--job", "demo-checksum", "--status", "COMPLETED");
		assertThat(executions.out()).containsPattern("(?m)^" + id + "\\s+demo-checksum\\s+COMPLETED");
		CliRun workers = operator("workers");
		assertThat(workers.exit()).isZero();
		assertThat(workers.out()).contains(WORKER).contains("ACTIVE");
		CliRun jobs = operator("jobs");
		assertThat(jobs.out()).contains("demo-checksum").contains("chunkSize:LONG=500");
		assertThat(operator("schedules").exit()).isZero();

		CliRun stop = operator("stop", id);
		assertThat(stop.exit()).as("stopping a completed execution").isEqualTo(1);
		assertThat(stop.err()).contains("is COMPLETED");
	}

	@Test
	void followedRunOfAPoisonedJobExitsNonZero() throws Exception {
		CliRun run = operator("run", "demo-checksum", "items=2000", "chunkSize=100", "poisonChunks=3",
				"maxAttempts=1", "--follow");
		assertThat(run.exit()).as("%s", run).isEqualTo(1);
		assertThat(run.out()).contains(": FAILED").contains("chunk 3");
	}

	@Test
	void followedRunWithJsonPrintsOnlyTheExecutionOnStdout() throws Exception {
		CliRun run = operator("run", "demo-checksum", "items=2000", "chunkSize=100", "--follow", "--json");
		assertThat(run.exit()).as("%s", run).isZero();
		JsonNode execution = cluster.json().readTree(run.out());
		assertThat(execution.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(execution.path("result").path("checksum").asString()).isEqualTo(ExpectedChecksum.of(2_000));
		assertThat(run.err()).contains("Started demo-checksum execution " + execution.path("id").asLong());
	}

	@Test
	void credentialsComeFromTheCredentialsFileAndRolesAreEnforced() throws Exception {
		Path file = cluster.workingDir().resolve("viewer.properties");
		Files.writeString(file, "url=" + cluster.uri("").toString().replace(":", "\\:") + "\nuser="
				+ ChunkingCluster.VIEWER + "\npassword=" + ChunkingCluster.PASSWORD + "\n");
		CliRun jobs = cli("--credentials", file.toString(), "jobs");
		assertThat(jobs.exit()).as("%s", jobs).isZero();
		CliRun run = cli("--credentials", file.toString(), "run", "demo-checksum");
		assertThat(run.exit()).isEqualTo(3);
		assertThat(run.err()).contains("'viewer' may not POST").contains("OPERATOR role");
		CliRun anonymous = cli("--url", cluster.uri("").toString(), "jobs");
		assertThat(anonymous.exit()).isEqualTo(3);
		assertThat(anonymous.err()).contains("Authentication failed");
		CliRun unknown = operator("run", "no-such-job");
		assertThat(unknown.exit()).isEqualTo(3);
		assertThat(unknown.err()).contains("No job named 'no-such-job'");
		CliRun usage = operator("show");
		assertThat(usage.exit()).isEqualTo(2);
	}

	private static CliRun operator(String... args) throws Exception {
		return cluster.cliAsOperator(args);
	}

	private static CliRun cli(String... args) throws Exception {
		return cluster.cli(args);
	}

}
