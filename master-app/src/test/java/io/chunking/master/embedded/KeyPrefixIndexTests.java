package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Which queries {@link KeyPrefixIndex} serves and what it answers, on the ledger's status index
 * {@code (jobInstanceId, status, chunkIndex)}, with the query shapes the MongoDB driver sends ({@code Filters.and}
 * renders {@code $and}, {@code Filters.in} {@code $in}).
 */
class KeyPrefixIndexTests {

	private final MVStore store = MVStore.open(null);

	private final KeyPrefixIndex index = new KeyPrefixIndex(this.store.openMap("chunk_status"), "chunk_status",
			List.of(new IndexKey("jobInstanceId", true), new IndexKey("status", true),
					new IndexKey("chunkIndex", true)),
			false);

	private final ObjectId[] ids = new ObjectId[10];

	@BeforeEach
	void indexChunks() {
		for (int chunk = 0; chunk < 5; chunk++) {
			this.ids[chunk] = new ObjectId();
			this.index.add(chunk(7L, chunk, (chunk < 2) ? "RUNNING" : "PENDING", this.ids[chunk]), this.ids[chunk],
					null);
			this.ids[5 + chunk] = new ObjectId();
			this.index.add(chunk(8L, chunk, "RUNNING", this.ids[5 + chunk]), this.ids[5 + chunk], null);
		}
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void chunksOfOneInstanceInSomeStatusesAreFoundByKey() {
		Document running = new Document("$and", List.of(new Document("jobInstanceId", 7L),
				new Document("status", new Document("$in", List.of("RUNNING")))));
		assertThat(this.index.canHandle(running)).isTrue();
		assertThat(this.index.getPositions(running)).containsExactlyInAnyOrder(this.ids[0], this.ids[1]);
		Document either = new Document("$and", List.of(new Document("jobInstanceId", 7L),
				new Document("status", new Document("$in", List.of("FAILED", "PENDING", "DEAD")))));
		assertThat(this.index.getPositions(either)).containsExactlyInAnyOrder(this.ids[2], this.ids[3], this.ids[4]);
		Document pending = new Document("jobInstanceId", 7).append("status", new Document("$eq", "PENDING"));
		assertThat(this.index.getPositions(pending)).containsExactlyInAnyOrder(this.ids[2], this.ids[3], this.ids[4]);
	}

	@Test
	void countsWhatTheEntriesTellExactlyAndNothingElse() {
		Document running = new Document("$and", List.of(new Document("jobInstanceId", 7L),
				new Document("status", "RUNNING")));
		assertThat(this.index.countExactly(running)).isEqualTo(2);
		assertThat(this.index.countExactly(new Document("jobInstanceId", 8))).isEqualTo(5);
		assertThat(this.index.countExactly(new Document("jobInstanceId", new Document("$in", List.of(7L, 8L, 9L)))))
			.isEqualTo(10);
		assertThat(this.index.countExactly(new Document("jobInstanceId", 7L).append("status",
				new Document("$in", List.of("PENDING", "FAILED"))))).isEqualTo(3);
		assertThat(this.index.countExactly(new Document("jobInstanceId", 9L))).isZero();
		assertThat(this.index.countExactly(new Document("jobInstanceId", 6L))).isZero();
		assertThat(this.index.countExactly(new Document("jobInstanceId", new Document("$in", List.of(8L, 8L)))))
			.isEqualTo(5);
		assertThat(this.index.countExactly(new Document("jobInstanceId", 7L).append("status", "RUNNING")
			.append("chunkIndex", 1))).isEqualTo(1);
		// Left to the collection: a field the index does not hold, a key after one not pinned, a condition other than
		// equality, the same field twice, no first key.
		assertThat(this.index.countExactly(new Document("jobInstanceId", 7L).append("held", true))).isNull();
		assertThat(this.index.countExactly(new Document("jobInstanceId", 7L).append("chunkIndex", 1))).isNull();
		assertThat(this.index.countExactly(new Document("jobInstanceId", 7L).append("status",
				new Document("$ne", "RUNNING")))).isNull();
		assertThat(this.index.countExactly(new Document("$and", List.of(new Document("status", "RUNNING"),
				new Document("jobInstanceId", 7L), new Document("status", "PENDING"))))).isNull();
		assertThat(this.index.countExactly(new Document("status", "RUNNING"))).isNull();
	}

	@Test
	void aDocumentWithSeveralEntriesIsCountedOnce() {
		ObjectId both = new ObjectId();
		this.index.add(new Document("_id", both).append("jobInstanceId", 9L)
			.append("chunkIndex", 0)
			.append("status", List.of("RUNNING", "PENDING")), both, null);
		assertThat(this.index.countExactly(new Document("jobInstanceId", 9L))).isEqualTo(1);
		assertThat(this.index.countExactly(new Document("jobInstanceId", 9L).append("status",
				new Document("$in", List.of("RUNNING", "PENDING"))))).isEqualTo(1);
		assertThat(this.index.countExactly(new Document("jobInstanceId", 7L))).isEqualTo(5);
		assertThat(this.index.countExactly(new Document("jobInstanceId", new Document("$in", List.of(7L, 7L)))))
			.isEqualTo(5);
	}

	@Test
	void walksTheEntriesOfWhatTheQueryMatchesExactlyRunByRun() {
		List<String> walked = new ArrayList<>();
		assertThat(this.index.walkExactly(new Document("jobInstanceId", new Document("$in", List.of(8L, 7L, 8L))),
				walked::add)).isTrue();
		assertThat(walked).extracting((entry) -> EntryKeys.tokens(entry, 3)
			.stream()
			.map(EntryKeys::value)
			.map(String::valueOf)
			.collect(Collectors.joining("/")))
			.containsExactly("8/RUNNING/0", "8/RUNNING/1", "8/RUNNING/2", "8/RUNNING/3", "8/RUNNING/4", "7/PENDING/2",
					"7/PENDING/3", "7/PENDING/4", "7/RUNNING/0", "7/RUNNING/1");
		assertThat(this.index.walkExactly(new Document("jobInstanceId", 7L), (entry) -> false)).as("stopped")
			.isFalse();
		assertThat(this.index.walkExactly(new Document("jobInstanceId", 7L).append("held", true), walked::add))
			.as("a field the entries do not tell")
			.isFalse();
		assertThat(this.index.walkExactly(new Document("jobInstanceId", 6L), walked::add)).isTrue();

		ObjectId id = new ObjectId();
		this.index.add(new Document("_id", id).append("jobInstanceId", 9L)
			.append("chunkIndex", 0)
			.append("status", List.of("RUNNING", "PENDING")), id, null);
		assertThat(this.index.walkExactly(new Document("jobInstanceId", 7L), walked::add))
			.as("once a document had several entries")
			.isFalse();
		assertThat(walked).hasSize(10);
	}

	@Test
	void aPinnedInstanceAloneGivesAllItsChunks() {
		Document instance = new Document("jobInstanceId", 8L);
		assertThat(this.index.canHandle(instance)).isTrue();
		assertThat(this.index.getPositions(instance)).containsExactlyInAnyOrder(this.ids[5], this.ids[6], this.ids[7],
				this.ids[8], this.ids[9]);
		assertThat(this.index.getPositions(new Document("jobInstanceId", 9L))).isEmpty();
	}

	@Test
	void allKeysPinnedGiveOneChunk() {
		Document claim = new Document("$and", List.of(new Document("jobInstanceId", 7L).append("chunkIndex", 3),
				new Document("status", "PENDING"), new Document("held", new Document("$ne", true))));
		assertThat(this.index.getPositions(claim)).containsExactly(this.ids[3]);
		Document dispatched = new Document("$and", List.of(new Document("jobInstanceId", 7L),
				new Document("chunkIndex", new Document("$in", List.of(1, 2, 3, 99))),
				new Document("status", "PENDING")));
		assertThat(this.index.getPositions(dispatched)).containsExactlyInAnyOrder(this.ids[2], this.ids[3]);
	}

	@Test
	void anUpdateMovesTheChunkToItsNewStatus() {
		Document before = chunk(7L, 3, "PENDING", this.ids[3]);
		Document after = chunk(7L, 3, "RUNNING", this.ids[3]).append("attempt", 1);
		this.index.updateInPlace(before, after, this.ids[3], null);
		assertThat(this.index.getPositions(running(7L))).containsExactlyInAnyOrder(this.ids[0], this.ids[1],
				this.ids[3]);
		assertThat(this.index.getPositions(new Document("jobInstanceId", 7L).append("status", "PENDING")))
			.containsExactlyInAnyOrder(this.ids[2], this.ids[4]);
		assertThat(this.index.getCount()).isEqualTo(10);
	}

	@Test
	void removingAChunkGivesItsPositionAndDropsItsEntry() {
		assertThat(this.index.getPosition(chunk(8L, 2, "RUNNING", this.ids[7]))).isEqualTo(this.ids[7]);
		assertThat(this.index.remove(chunk(8L, 2, "RUNNING", this.ids[7]))).isEqualTo(this.ids[7]);
		assertThat(this.index.getPositions(running(8L))).containsExactlyInAnyOrder(this.ids[5], this.ids[6],
				this.ids[8], this.ids[9]);
		assertThat(this.index.remove(chunk(8L, 2, "RUNNING", this.ids[7]))).isNull();
		assertThat(this.index.getCount()).isEqualTo(9);
	}

	@Test
	void numbersAreComparedByValueAsInAMatch() {
		assertThat(this.index.getPositions(running(7))).containsExactlyInAnyOrder(this.ids[0], this.ids[1]);
		assertThat(this.index.getPositions(running(7.0))).containsExactlyInAnyOrder(this.ids[0], this.ids[1]);
		assertThat(this.index.getPositions(running(7.5))).isEmpty();
	}

	@Test
	void aDocumentHoldingAnArrayIsFoundByEachOfItsValues() {
		ObjectId id = new ObjectId();
		Document document = new Document("_id", id).append("jobInstanceId", 9L)
			.append("status", List.of("RUNNING", "FAILED"))
			.append("chunkIndex", 0);
		this.index.add(document, id, null);
		assertThat(this.index.getPositions(running(9L))).containsExactly(id);
		assertThat(this.index.getPositions(new Document("jobInstanceId", 9L).append("status",
				new Document("$in", List.of("RUNNING", "FAILED"))))).containsExactly(id);
		assertThat(this.index.remove(document)).isEqualTo(id);
		assertThat(this.index.getPositions(new Document("jobInstanceId", 9L))).isEmpty();
	}

	@Test
	void valuesThatLookLikeTheSeparatorStayApart() {
		ObjectId id = new ObjectId();
		this.index.add(chunk(7L, 0, "RUNNING\u0000", id), id, null);
		assertThat(this.index.getPositions(running(7L))).containsExactlyInAnyOrder(this.ids[0], this.ids[1]);
		assertThat(this.index.getPositions(new Document("jobInstanceId", 7L).append("status", "RUNNING\u0000")))
			.containsExactly(id);
	}

	@Test
	void queriesThatDoNotPinTheInstanceAreLeftToAScan() {
		assertThat(this.index.canHandle(new Document("status", "RUNNING"))).isFalse();
		assertThat(this.index.canHandle(new Document("jobInstanceId", new Document("$gt", 7L)))).isFalse();
		assertThat(this.index.canHandle(new Document("$or", List.of(new Document("jobInstanceId", 7L))))).isFalse();
		assertThat(this.index.canHandle(new Document("jobInstanceId", null))).isFalse();
		assertThat(this.index.canHandle(new Document())).isFalse();
	}

	@Test
	void tooManyCombinationsOfInValuesLookUpFewerKeys() {
		List<Integer> indexes = IntStream.range(0, 2000).boxed().toList();
		Document query = new Document("jobInstanceId", 7L).append("status", "PENDING")
			.append("chunkIndex", new Document("$in", indexes));
		assertThat(this.index.getPositions(query)).containsExactlyInAnyOrder(this.ids[2], this.ids[3], this.ids[4]);
	}

	private static Document running(Object instance) {
		return new Document("$and", List.of(new Document("jobInstanceId", instance),
				new Document("status", new Document("$in", List.of("RUNNING")))));
	}

	private static Document chunk(long instance, int chunk, String status, ObjectId id) {
		return new Document("_id", id).append("jobInstanceId", instance)
			.append("chunkIndex", chunk)
			.append("status", status);
	}

}
