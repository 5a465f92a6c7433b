package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProgressBarTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void progressBarShowsDoneChunksRunningFailuresAndRate() {
		JsonNode execution = this.json.readTree("""
				{"status":"STARTED","chunks":{"pending":1000,"running":4,"succeeded":830,"failed":1,"dead":10,
				"total":2000},"itemsPerSecond":12345.6}""");
		assertThat(ProgressBar.render(execution)).isEqualTo(
				"[#############-----------------]  42.0%  840/2000 chunks  running 4  failed 1  dead 10  12346 items/s  STARTED");
	}

	@Test
	void progressBarOfAnExecutionNotSlicedYet() {
		assertThat(ProgressBar.render(this.json.readTree("{\"status\":\"STARTING\"}")))
			.startsWith("[------------------------------]   0.0%  0/0 chunks").endsWith("- items/s  STARTING");
	}

}
