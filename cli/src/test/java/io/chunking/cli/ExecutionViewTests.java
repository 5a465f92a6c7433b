package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ExecutionViewTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void showsCountsExitDescriptionAndTheResultAsIndentedJson() {
		String view = ExecutionView.render(this.json.readTree("""
				{"id":12,"jobName":"demo-checksum","status":"FAILED","exitCode":"FAILED",
				"exitDescription":"1 chunk dead: chunk 3","startTime":"2026-01-01T00:00:00Z","endTime":null,
				"parameters":{"items":"2000"},"chunks":{"pending":0,"running":0,"succeeded":19,"failed":0,"dead":1,
				"total":20},"items":{"read":2000,"written":1900,"skipped":0},"progress":100.0,"itemsPerSecond":950.5,
				"result":{"count":1900,"checksum":"00ff"}}"""));
		assertThat(view).startsWith("Execution 12 of demo-checksum: FAILED\n")
			.contains("  chunks:     19 succeeded, 0 running, 0 pending, 0 failed, 1 dead, 20 total (100.0%)\n")
			.contains("  exit:       FAILED: 1 chunk dead: chunk 3\n")
			.endsWith("""
					  result:
					    {
					      "count" : 1900,
					      "checksum" : "00ff"
					    }
					""");
	}

	@Test
	void missingFieldsShowAsDashes() {
		String view = ExecutionView.render(this.json.readTree("{\"id\":1,\"status\":\"STARTING\",\"itemsPerSecond\":null}"));
		assertThat(view).contains("  items:      0 read, 0 written, 0 skipped; - items/s\n").doesNotContain("null");
	}

	@Test
	void anEmptyResultIsOneLine() {
		assertThat(ExecutionView.render(this.json.readTree("{\"id\":1,\"status\":\"STARTED\",\"result\":{}}")))
			.endsWith("  result:     {}\n");
	}

	@Test
	void durationsAreDescribedAsTheyAreWritten() {
		assertThat(ExecutionFollower.describe(Duration.ofHours(24))).isEqualTo("24h");
		assertThat(ExecutionFollower.describe(Duration.ofSeconds(90))).isEqualTo("1m30s");
	}

}
