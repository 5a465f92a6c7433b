package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class CommandViewsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void jobsListParametersWithTypeAndDefaultAndMarkTheRequiredOnes() {
		String jobs = new JobsCommand().render(this.json.readTree("""
				[{"name":"demo-checksum","description":"Sums hashes","schedule":null,"lastExecution":null,
				"parameters":[{"name":"items","type":"LONG","defaultValue":"100000","required":false},
				{"name":"bucket","type":"STRING","defaultValue":null,"required":true}]}]"""));
		assertThat(jobs).contains("demo-checksum  -         -     Sums hashes")
			.contains("demo-checksum: items:LONG=100000, bucket:STRING (required)");
	}

	@Test
	void executionsSayWhichPageAndHowManyInAll() {
		String page = "{\"page\":1,\"size\":2,%s\"executions\":[{\"id\":9,\"jobName\":\"j\",\"status\":\"COMPLETED\"}]}";
		assertThat(new ExecutionsCommand().render(this.json.readTree(page.formatted("\"total\":3,"))))
			.contains("9   j    COMPLETED").endsWith("page 1, 1 of 3 executions\n");
		assertThat(new ExecutionsCommand().render(this.json.readTree(page.formatted(""))))
			.endsWith("page 1, 1 executions\n");
	}

	@Test
	void chunkErrorsShowTheSimpleTypeAndMessage() {
		String chunks = new ChunksCommand().render(this.json.readTree("""
				{"chunks":[{"index":3,"status":"DEAD","attempts":3,"itemCount":100,"workerId":"w1",
				"lastError":{"type":"io.chunking.samples.PoisonChunkException","message":"Chunk 3 is poisoned"}}]}"""));
		assertThat(chunks).contains("PoisonChunkException: Chunk 3 is poisoned").contains("DEAD");
	}

	@Test
	void chunksShowHowManyItemsTheySkippedAndWhereTheFirstWas() {
		String chunks = new ChunksCommand().render(this.json.readTree("""
				{"chunks":[{"index":0,"status":"SUCCEEDED","attempts":1,"itemCount":20,"workerId":"w1",
				"items":{"read":20,"written":18,"skipped":2},"skips":[{"position":"s3://in/orders.csv:7",
				"type":"java.lang.NumberFormatException","message":"For input string: \\"x\\""},
				{"position":"s3://in/orders.csv:9","type":"java.lang.NumberFormatException","message":"y"}]},
				{"index":1,"status":"SUCCEEDED","attempts":1,"itemCount":20,"workerId":"w1",
				"items":{"read":20,"written":20,"skipped":0},"skips":[]}]}"""));
		assertThat(chunks).contains("2, first s3://in/orders.csv:7: NumberFormatException: For i");
		assertThat(chunks.lines().skip(2).findFirst().orElseThrow()).endsWith("-");
	}

	@Test
	void workersShowTheirStateJobsConcurrencyAndEveryChunkInHand() {
		String workers = new WorkersCommand().render(this.json.readTree("""
				[{"id":"w1","host":"box","pid":42,"jobs":["a","b"],"state":"ACTIVE",
				"lastHeartbeat":"2026-01-01T00:00:00Z","chunksInHand":["a/7/3/1","a/7/4/2"],"currentChunk":"a/7/3/1",
				"concurrency":4,"chunksDone":12,"unknownField":true},
				{"id":"w2","host":"box","pid":43,"jobs":["a"],"state":"ACTIVE","lastHeartbeat":"2026-01-01T00:00:00Z",
				"chunksInHand":[],"currentChunk":null,"concurrency":1,"chunksDone":0}]"""));
		assertThat(workers.lines().skip(1).limit(2))
			.containsExactly("w1  box   42   ACTIVE  a,b   2026-01-01T00:00:00Z  4            2        12",
					"w2  box   43   ACTIVE  a     2026-01-01T00:00:00Z  1            0        0");
		assertThat(workers).endsWith("Chunks in hand (job/instance/index/attempt):\n  w1: a/7/3/1, a/7/4/2\n");
	}

	@Test
	void workersOfAMasterThatReportsOnlyTheCurrentChunkShowThatChunkInHand() {
		String workers = new WorkersCommand().render(this.json.readTree("""
				[{"id":"w1","host":"box","pid":42,"jobs":["a"],"state":"ACTIVE","lastHeartbeat":"2026-01-01T00:00:00Z",
				"currentChunk":"a/7/3/1","chunksDone":12}]"""));
		assertThat(workers).contains("  -            1        12").endsWith("  w1: a/7/3/1\n");
	}

	@Test
	void restartSaysWhichExecutionRunsNow() {
		assertThat(ExecutionControlCommand.restart()
			.render(this.json.readTree("{\"executionId\":13,\"restartedExecutionId\":12}")))
			.isEqualTo("Execution 12 restarted as execution 13\n");
	}

	@Test
	void deadLettersAreCountedPerJobWithTheTotalOfTheQueue() {
		String counts = new DeadLettersCommand().render(this.json.readTree("""
				{"queue":"chunking.dead-letters","total":7,"jobs":[{"job":"demo-checksum","count":5},
				{"job":"other","count":0}]}"""));
		assertThat(counts).contains("demo-checksum  5").contains("other          0")
			.endsWith("7 messages on chunking.dead-letters in all\n");
	}

	@Test
	void deadLettersOfAJobShowIdTimeTypeReasonAndExcerpt() {
		String page = new DeadLettersCommand().render(this.json.readTree("""
				{"job":"demo-checksum","page":0,"size":20,"total":2,"deadLetters":[{"messageId":"ID:1",
				"timestamp":"2026-01-01T00:00:00Z","type":"ObjectMessage","reason":"not text","excerpt":null},
				{"messageId":"ID:2","timestamp":"2026-01-01T00:00:01Z","type":"TextMessage","reason":"bad",
				"excerpt":"{not json"}]}"""));
		assertThat(page).contains("ID:1        2026-01-01T00:00:00Z  ObjectMessage  not text  -")
			.contains("ID:2        2026-01-01T00:00:01Z  TextMessage    bad       {not json")
			.endsWith("page 0, 2 of 2 dead letters of demo-checksum\n");
		assertThat(new PurgeDeadLettersCommand().render(this.json.readTree("{\"job\":\"demo\",\"purged\":3}")))
			.isEqualTo("Purged 3 dead letters of demo\n");
	}

}
