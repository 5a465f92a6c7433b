package io.chunking.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chunking.testing.ExpectedChecksum;

/**
 * {@code samples/demo} run as a user runs it, with the jars the reactor built: a worker killed mid-run does not end
 * the demo, which reports it and ends with the exact result; the master's death or no worker left end it early, with
 * a non-zero exit and a message that says why. In every case the demo stops all the processes it started.
 */
class DemoScriptIntegrationTests {

	private DemoRun demo;

	@AfterEach
	void stopDemo() throws Exception {
		if (this.demo != null) {
			this.demo.close();
		}
	}

	@Test
	void chaosKillsAWorkerHoldingAChunkAndTheRunStillCompletesWithTheExactResult() throws Exception {
		this.demo = DemoRun.start("chaos", DemoRun.environment(), "--chaos", "items=20000", "chunkSize=100");
		int exit = this.demo.awaitExit(Duration.ofMinutes(8));
		String output = this.demo.output();

		assertThat(exit).as(output).isZero();
		Matcher kill = Pattern
			.compile("Chaos: killed demo-worker-1 with SIGKILL at (\\d+)/200 chunks, while it held chunk (\\d+)")
			.matcher(output);
		assertThat(kill.find()).as(output).isTrue();
		assertThat(Integer.parseInt(kill.group(1))).as("chunks done when the worker was killed").isBetween(60, 199);
		String chunk = kill.group(2);
		assertThat(output)
			.contains("demo-worker-1 died (exit 137, SIGKILL); its chunk goes back to the queue when its lease expires"
					+ " (6s), the run goes on with 1 worker")
			.contains("Chaos: started demo-worker-3 to replace it")
			.contains("Execution 1: COMPLETED")
			.contains("count=20000  checksum=" + ExpectedChecksum.of(20_000))
			.containsPattern("chaos: +demo-worker-1 was killed holding chunk " + chunk
					+ ", which then ran as attempt [2-9] \\(SUCCEEDED, last error io.chunking.LeaseExpired\\)")
			.containsPattern("attempts: .*\\b" + chunk + " \\([2-9] attempts, last error io.chunking.LeaseExpired\\)")
			.containsPattern("workers: +chunks succeeded on demo-worker-1 \\d+ \\(died\\), demo-worker-2 \\d+, demo-worker-3");
		this.demo.assertEveryProcessStopped();
	}

	@Test
	void masterDeathEndsTheDemoAtOnceWithTheMastersLog() throws Exception {
		this.demo = DemoRun.start("master-death", DemoRun.environment("DEMO_WORKERS=1"), "items=400000", "chunkSize=1000",
				"workMicros=100");
		this.demo.awaitOutput("Started demo-checksum execution 1", Duration.ofMinutes(5));
		long killed = System.nanoTime();
		this.demo.kill("master");
		this.demo.awaitOutput("demo: the master died", Duration.ofSeconds(15));
		Duration noticed = Duration.ofNanos(System.nanoTime() - killed);
		int exit = this.demo.awaitExit(Duration.ofMinutes(2));
		String output = this.demo.output();

		assertThat(exit).as(output).isEqualTo(1);
		assertThat(output).contains("demo: the master died (exit 137, SIGKILL); the run cannot go on without it")
			.contains("last lines of " + this.demo.directory().resolve("master.log"))
			.doesNotContain("Killed")
			.doesNotContain("Execution 1:");
		assertThat(noticed).as("time from the kill to the report").isLessThan(Duration.ofSeconds(15));
		this.demo.assertEveryProcessStopped();
	}

	@Test
	void noWorkerLeftForTheBoundEndsTheDemo() throws Exception {
		this.demo = DemoRun.start("no-worker", DemoRun.environment("DEMO_WORKERS=1", "DEMO_NO_WORKER_TIMEOUT=5"),
				"items=400000", "chunkSize=1000", "workMicros=100");
		this.demo.awaitOutput("Started demo-checksum execution 1", Duration.ofMinutes(5));
		this.demo.kill("demo-worker-1");
		int exit = this.demo.awaitExit(Duration.ofMinutes(2));
		String output = this.demo.output();

		assertThat(exit).as(output).isEqualTo(1);
		assertThat(output)
			.contains("demo-worker-1 died (exit 137, SIGKILL); its chunk goes back to the queue when its lease expires"
					+ " (30s), the run goes on with 0 workers")
			.contains("No worker left: no chunk can run; the demo ends if this lasts 5s (DEMO_NO_WORKER_TIMEOUT)")
			.contains("demo: no worker alive for 5s (DEMO_NO_WORKER_TIMEOUT); execution 1 cannot finish")
			.doesNotContain("Killed")
			.doesNotContain("Execution 1:");
		this.demo.assertEveryProcessStopped();
	}

}
