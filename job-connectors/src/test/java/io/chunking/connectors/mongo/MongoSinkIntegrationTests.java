package io.chunking.connectors.mongo;

import static io.chunking.connectors.testing.RecordRoundTrip.noArguments;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

import com.mongodb.WriteConcern;
import com.mongodb.client.model.Sorts;

import io.chunking.job.ChunkAttempt;

/**
 * {@link MongoSink} against a Mongo-wire server over a socket.
 */
class MongoSinkIntegrationTests extends MongoWireTestSupport {

	private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

	record Score(String profileId, int score, BigDecimal ratio, List<String> tags, Instant at) {
	}

	@Test
	void writingTheOutputsOfTwoAttemptsLeavesOneDocumentPerKeyWithTheLastValues() throws Exception {
		MongoSink<Score> sink = MongoSink.upsert(client, "shop", this.collection, Score::profileId);

		sink.open(attempt(1)).write(Chunk.of(score("p1", 10), score("p2", 20)));
		sink.open(attempt(2)).write(Chunk.of(score("p1", 11), score("p2", 21), score("p3", 31)));

		assertThat(documents()).containsExactly(document("p1", 11), document("p2", 21), document("p3", 31));
	}

	@Test
	void theLastOfTwoOutputsWithOneKeyInAWriteWins() throws Exception {
		MongoSink<Score> sink = MongoSink.upsert(client, "shop", this.collection, Score::profileId);

		sink.open(attempt(1)).write(Chunk.of(score("p1", 10), score("p2", 20), score("p1", 12)));

		assertThat(documents()).extracting((document) -> document.get("score")).containsExactly(12, 20);
	}

	@Test
	void aFunctionMakesTheDocumentAndTheKeyIsItsId() throws Exception {
		MongoSink<Score> sink = MongoSink
			.upsert(client, "shop", this.collection, (Score score) -> score.profileId().toUpperCase())
			.document((score) -> new Document("_id", "ignored").append("points", score.score()))
			.writeConcern(WriteConcern.ACKNOWLEDGED);

		sink.open(attempt(1)).write(Chunk.of(score("p1", 10)));
		sink.open(attempt(2)).write(Chunk.of(score("p1", 13)));

		assertThat(documents()).containsExactly(new Document("_id", "P1").append("points", 13));
	}

	@Test
	void anEmptyWriteWritesNothing() throws Exception {
		MongoSink.upsert(client, "shop", this.collection, Score::profileId).open(attempt(1)).write(new Chunk<>());

		assertThat(documents()).isEmpty();
	}

	private List<Document> documents() {
		return this.testCollection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
	}

	private static Document document(String profileId, int score) {
		return new Document("_id", profileId).append("profileId", profileId)
			.append("score", score)
			.append("ratio", new Decimal128(new BigDecimal("0.5")))
			.append("tags", List.of("t" + score))
			.append("at", "2026-03-01T10:15:30Z");
	}

	private static Score score(String profileId, int score) {
		return new Score(profileId, score, new BigDecimal("0.5"), List.of("t" + score), AT);
	}

	private static ChunkAttempt attempt(int attempt) {
		return new ChunkAttempt("rescore", 1, 0, attempt, "worker-" + attempt, noArguments());
	}

}
