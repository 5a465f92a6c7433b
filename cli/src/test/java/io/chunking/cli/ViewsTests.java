package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ViewsTests {

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

	@Test
	void tablesAlignColumnsAndCutLongCells() {
		String table = new Table("ID", "ERROR").row(7, "x".repeat(100)).row(12345, null).render();
		String[] lines = table.split("\n");
		assertThat(lines[0]).isEqualTo("ID     ERROR");
		assertThat(lines[1]).startsWith("7      xxx").endsWith("…").hasSize(7 + Table.MAX_CELL);
		assertThat(lines[2]).isEqualTo("12345  -");
	}

	@Test
	void chunkErrorsShowTheSimpleTypeAndMessage() {
		JsonNode page = this.json.readTree("""
				{"chunks":[{"index":3,"status":"DEAD","attempts":3,"itemCount":100,"workerId":"w1",
				"lastError":{"type":"io.chunking.samples.PoisonChunkException","message":"Chunk 3 is poisoned"}}]}""");
		assertThat(Views.chunks(page)).contains("PoisonChunkException: Chunk 3 is poisoned").contains("DEAD");
	}

}
