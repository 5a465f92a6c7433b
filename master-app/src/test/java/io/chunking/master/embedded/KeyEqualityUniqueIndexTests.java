package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Which queries {@link KeyEqualityUniqueIndex} serves, on the ledger's unique key {@code (jobInstanceId, chunkIndex)},
 * with the query shapes the MongoDB driver sends for the ledger's filters ({@code Filters.and} renders {@code $and}).
 */
class KeyEqualityUniqueIndexTests {

	private final MVStore store = MVStore.open(null);

	private final KeyEqualityUniqueIndex index = new KeyEqualityUniqueIndex(this.store.openMap("chunk_key"),
			"chunk_key", List.of(new IndexKey("jobInstanceId", true), new IndexKey("chunkIndex", true)), false);

	@BeforeEach
	void indexChunks() {
		for (int chunk = 0; chunk < 5; chunk++) {
			this.index.add(new Document("jobInstanceId", 7L).append("chunkIndex", chunk), "position-" + chunk, null);
			this.index.add(new Document("jobInstanceId", 8L).append("chunkIndex", chunk), "other-" + chunk, null);
		}
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void compareAndSetFilterIsServedByTheChunkKey() {
		Document held = new Document("$and",
				List.of(new Document("jobInstanceId", 7L).append("chunkIndex", 3), new Document("status", "RUNNING"),
						new Document("attempt", 1), new Document("workerId", "worker-1")));
		assertThat(this.index.canHandle(held)).isTrue();
		assertThat(this.index.getPositions(held)).containsExactly("position-3");
	}

	@Test
	void equalitiesAtTheTopLevelAndInAndAreCombined() {
		Document query = new Document("jobInstanceId", 8L).append("$and",
				List.of(new Document("chunkIndex", new Document("$eq", 2)), new Document("held", new Document("$ne", true))));
		assertThat(this.index.canHandle(query)).isTrue();
		assertThat(this.index.getPositions(query)).containsExactly("other-2");
	}

	@Test
	void numbersAreComparedByValueAsInAMatch() {
		Document query = new Document("$and",
				List.of(new Document("jobInstanceId", 7).append("chunkIndex", 4L), new Document("status", "PENDING")));
		assertThat(this.index.getPositions(query)).containsExactly("position-4");
	}

	@Test
	void inOnOneKeyIsServedWithTheOtherKeysPinned() {
		Document dispatched = new Document("$and", List.of(new Document("jobInstanceId", 7L),
				new Document("chunkIndex", new Document("$in", List.of(1, 3, 99))), new Document("status", "PENDING")));
		assertThat(this.index.canHandle(dispatched)).isTrue();
		assertThat(this.index.getPositions(dispatched)).containsExactlyInAnyOrder("position-1", "position-3");
	}

	@Test
	void aChunkThatIsNotThereHasNoPosition() {
		Document query = new Document("$and", List.of(new Document("jobInstanceId", 9L).append("chunkIndex", 1),
				new Document("status", "RUNNING")));
		assertThat(this.index.getPositions(query)).isEmpty();
	}

	@Test
	void queriesThatDoNotPinEveryKeyAreLeftToAScan() {
		assertThat(this.index.canHandle(new Document("$and",
				List.of(new Document("jobInstanceId", 7L), new Document("status", "PENDING"))))).isFalse();
		assertThat(this.index.canHandle(new Document("jobInstanceId", 7L).append("chunkIndex", new Document("$gt", 1))))
			.isFalse();
		assertThat(this.index.canHandle(new Document("$or",
				List.of(new Document("jobInstanceId", 7L).append("chunkIndex", 1))))).isFalse();
		assertThat(this.index.canHandle(new Document("jobInstanceId", new Document("$in", List.of(7L, 8L)))
			.append("chunkIndex", new Document("$in", List.of(1, 2))))).isFalse();
		assertThat(this.index.canHandle(new Document("$and", List.of(new Document("jobInstanceId", 7L),
				new Document("chunkIndex", null), new Document("status", "PENDING"))))).isFalse();
	}

	@Test
	void queriesOnExactlyTheKeysAreServedAsBefore() {
		Document key = new Document("jobInstanceId", 8L).append("chunkIndex", 0);
		assertThat(this.index.canHandle(key)).isTrue();
		assertThat(this.index.getPositions(key)).containsExactly("other-0");
	}

}
