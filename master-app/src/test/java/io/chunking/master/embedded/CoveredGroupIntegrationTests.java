package io.chunking.master.embedded;

import static io.chunking.master.embedded.IndexedH2BackendIntegrationTests.onChunks;
import static io.chunking.master.embedded.IndexedH2BackendIntegrationTests.record;
import static io.chunking.master.embedded.IndexedH2BackendIntegrationTests.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoCommandException;
import com.mongodb.client.AggregateIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ItemCounts;
import io.chunking.store.mongo.MongoChunkLedger;

/**
 * Aggregations grouping the keys of the ledger's status index, which {@link CoveredGroup} answers from the index
 * entries: the same results as the stock H2 backend gives, through a real MongoDB driver over the wire, for windows
 * of chunk indexes, open ranges, empty ones, several instances, statuses changing and documents removed between
 * reads, and the shapes and values it leaves to the stock path. Neither server promises an order of groups or of
 * pushed values, so results are compared with both sorted.
 */
class CoveredGroupIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	/** JSON that tells a 64-bit number from a 32-bit one. */
	private static final JsonWriterSettings SHELL = JsonWriterSettings.builder().outputMode(JsonMode.SHELL).build();

	@TempDir
	Path dataDir;

	/** As in {@link IndexedH2BackendIntegrationTests}: H2 reads its bind address once per JVM. */
	@BeforeAll
	static void bindH2ToLoopback() {
		IndexedH2BackendIntegrationTests.bindH2ToLoopbackAsTheEmbeddedServerDoes();
	}

	@Test
	void groupsOfIndexKeysGiveTheStockResults() {
		List<String> stock = onChunks(new H2Backend(this.dataDir.resolve("stock.mv").toString()), this::script);
		List<String> indexed = onChunks(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				this::script);
		assertThat(indexed).isEqualTo(stock);
		assertThat(stock).contains(
				"7 [0, 1000) fresh: [{\"_id\": \"PENDING\", \"chunkIndexes\": [" + ints(0, 1000) + "]}]",
				"8 [0, 100000) fresh: [{\"_id\": \"PENDING\", \"chunkIndexes\": [" + ints(0, 30) + "]}]",
				"99 [0, 100000) fresh: []", "7 [500, 500) fresh: []",
				"7 [0, 5) changed: [{\"_id\": \"DEAD\", \"chunkIndexes\": [2]}, {\"_id\": \"FAILED\", \"chunkIndexes\":"
						+ " [1]}, {\"_id\": \"PENDING\", \"chunkIndexes\": [4]}, {\"_id\": \"RUNNING\", \"chunkIndexes\":"
						+ " [3]}, {\"_id\": \"SUCCEEDED\", \"chunkIndexes\": [0]}]",
				"8 [0, 100000) removed: []",
				"7 [0, 5) removed: [{\"_id\": \"DEAD\", \"chunkIndexes\": [2]}, {\"_id\": \"FAILED\", \"chunkIndexes\":"
						+ " [1]}, {\"_id\": \"SUCCEEDED\", \"chunkIndexes\": [0]}]");
	}

	@Test
	void theLedgersStatusReadIsAnsweredFromTheIndexUntilSomeChunkHasAnArrayInAKey() {
		IndexedH2Backend backend = new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString());
		onChunks(backend, (ledger, chunks) -> {
			record(ledger, 7, 0, 2_500);
			de.bwaldvogel.mongo.MongoCollection<Object> collection = collection(backend);
			de.bwaldvogel.mongo.bson.Document answered = CoveredGroup.answer(ledgerCommand(7, 0, 100_000), collection, "chunking.chunks");
			assertThat(answered).as("the ledger's status read, answered from the index").isNotNull();
			assertThat(CoveredGroup.answer(ledgerCommand(7, 0, 100_000).append("collation",
					new Document("locale", "en")), collection, "chunking.chunks"))
				.as("with an option that changes the answer")
				.isNull();

			chunks.insertOne(new Document("jobInstanceId", 11L).append("chunkIndex", List.of(1, 2))
				.append("status", "PENDING"));
			assertThat(CoveredGroup.answer(ledgerCommand(7, 0, 100_000), collection, "chunking.chunks"))
				.as("once an index key held an array").isNull();
			return null;
		});
	}

	@Test
	void integralNumbersComeBackAsIntWhenTheyFitOneWhateverTheirStoredType() {
		List<String> answers = onChunks(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				(ledger, chunks) -> {
					chunks.insertMany(List.of(chunk(12L, 5L, "PENDING"), chunk(12L, 3_000_000_000L, "PENDING")));
					return List.of(groups(chunks, Filters.eq("jobInstanceId", 12L)));
				});
		// MongoDB would push 5 as the 64-bit number it was written as: the ledger writes int32 and reads Number.
		assertThat(answers).containsExactly(
				"[{\"_id\": \"PENDING\", \"chunkIndexes\": [5, NumberLong(\"3000000000\")]}]");
	}

	private List<String> script(MongoChunkLedger ledger, MongoCollection<Document> chunks) {
		List<String> out = new ArrayList<>();
		record(ledger, 7, 0, 2_500);
		record(ledger, 8, 0, 30);
		out.addAll(windows(chunks, "fresh"));
		ChunkOutcome done = new ChunkOutcome(new ItemCounts(1, 1, 0), "result");
		ledger.complete(claim(ledger, 7, 0), done, NOW);
		fail(ledger, 7, 1);
		fail(ledger, 7, 2);
		ledger.bury(ledger.find(new ChunkKey(7, 2)).orElseThrow(), NOW);
		claim(ledger, 7, 3);
		ledger.complete(claim(ledger, 7, 2_100), done, NOW);
		fail(ledger, 8, 29);
		out.addAll(windows(chunks, "changed"));
		out.add("statuses 7 changed: " + statuses(ledger, 7));
		ledger.deleteAll(8);
		chunks.deleteOne(Filters.and(Filters.eq("jobInstanceId", 7L), Filters.eq("chunkIndex", 4)));
		chunks.deleteOne(Filters.and(Filters.eq("jobInstanceId", 7L), Filters.eq("chunkIndex", 3)));
		out.addAll(windows(chunks, "removed"));
		out.add("statuses 7 removed: " + statuses(ledger, 7));
		out.add("statuses 8 removed: " + statuses(ledger, 8));
		out.addAll(otherShapes(chunks));
		// Values the entries cannot give back (a decimal number, null) and an array in a key (after which every
		// group is left to the stock path): the results stay those of the documents.
		chunks.insertMany(List.of(chunk(13L, 2.5, "PENDING"), chunk(13L, 3, null),
				chunk(14L, 1, "PENDING").append("extra", "x")));
		out.add("13: " + groups(chunks, Filters.eq("jobInstanceId", 13L)));
		out.add("14: " + groups(chunks, Filters.eq("jobInstanceId", 14L)));
		chunks.insertOne(chunk(15L, List.of(1, 2), "PENDING"));
		out.add("15, an array: " + groups(chunks, Filters.eq("jobInstanceId", 15L)));
		out.addAll(windows(chunks, "after an array"));
		return out;
	}

	/** The ledger's status read of windows of chunk indexes, of instances with chunks and without. */
	private static List<String> windows(MongoCollection<Document> chunks, String when) {
		List<String> out = new ArrayList<>();
		for (long[] window : new long[][] { { 7, 0, 1000 }, { 7, 1000, 2500 }, { 7, 0, 100_000 }, { 7, 0, 5 },
				{ 7, 500, 500 }, { 7, 2_600, 100_000 }, { 8, 0, 100_000 }, { 99, 0, 100_000 } }) {
			Document match = new Document("jobInstanceId", window[0]).append("chunkIndex",
					new Document("$gte", window[1]).append("$lt", window[2]));
			out.add(window[0] + " [" + window[1] + ", " + window[2] + ") " + when + ": " + groups(chunks, match));
		}
		Document from = new Document("jobInstanceId", 7L).append("chunkIndex", new Document("$gte", 2_000));
		out.add("7 [2000, ...) " + when + ": " + groups(chunks, from));
		return out;
	}

	/** Other shapes answered from the index, and some left to the stock path. */
	private static List<String> otherShapes(MongoCollection<Document> chunks) {
		List<String> out = new ArrayList<>();
		out.add("as the driver's filters render it: " + groups(chunks, Filters.and(Filters.eq("jobInstanceId", 7L),
				Filters.gt("chunkIndex", 1), Filters.lte("chunkIndex", 2_100))));
		out.add("two instances: " + groups(chunks, Filters.in("jobInstanceId", 7L, 8L, 99L)));
		out.add("instance and statuses: " + groups(chunks, Filters.and(Filters.eq("jobInstanceId", 7L),
				Filters.in("status", "FAILED", "DEAD", "SUCCEEDED"))));
		out.add("by index, pushing statuses: " + result(chunks.aggregate(List.of(
				new Document("$match", new Document("jobInstanceId", 7L).append("chunkIndex", new Document("$lt", 3))),
				new Document("$group", new Document("_id", "$chunkIndex").append("statuses",
						new Document("$push", "$status")))))));
		out.add("allowDiskUse: " + result(chunks.aggregate(ledgerPipeline(7, 0, 3)).allowDiskUse(true)));
		// Left to the stock path: a bound of another type, a field outside the index, another accumulator.
		out.add("a double bound: " + groups(chunks, new Document("jobInstanceId", 7L).append("chunkIndex",
				new Document("$lt", 2.5))));
		out.add("a field outside the index: " + groups(chunks, Filters.and(Filters.eq("jobInstanceId", 7L),
				Filters.lt("attempt", 1), Filters.lt("chunkIndex", 3))));
		out.add("a sum: " + result(chunks.aggregate(List.of(new Document("$match", new Document("jobInstanceId", 7L)),
				new Document("$group", new Document("_id", "$status").append("n", new Document("$sum", "$chunkIndex")))))));
		out.add("no first key: " + groups(chunks, new Document("status", "DEAD")));
		return out;
	}

	/** The chunk indexes grouped by status, as the ledger asks for them, of the chunks the query matches. */
	private static String groups(MongoCollection<Document> chunks, Bson match) {
		return result(chunks.aggregate(List.of(new Document("$match", match), new Document("$group",
				new Document("_id", "$status").append("chunkIndexes", new Document("$push", "$chunkIndex"))))));
	}

	/** The results with groups sorted by id and pushed values by value, or the error. */
	private static String result(AggregateIterable<Document> aggregation) {
		try {
			List<Document> results = aggregation.into(new ArrayList<>());
			for (Document result : results) {
				for (String field : result.keySet()) {
					if (result.get(field) instanceof List<?> values) {
						List<Object> sorted = new ArrayList<>(values);
						sorted.sort(Comparator.comparing(CoveredGroupIntegrationTests::sortKey));
						result.put(field, sorted);
					}
				}
			}
			results.sort(Comparator.comparing((result) -> sortKey(result.get("_id"))));
			return results.stream().map((result) -> result.toJson(SHELL)).toList().toString();
		}
		catch (MongoCommandException ex) {
			return "error " + ex.getErrorCode() + " " + ex.getErrorMessage();
		}
	}

	private static String sortKey(Object value) {
		return (value instanceof Number number) ? String.format("%020d", number.longValue()) : String.valueOf(value);
	}

	private static List<Document> ledgerPipeline(long instance, long from, long to) {
		return List.of(
				new Document("$match", new Document("jobInstanceId", instance).append("chunkIndex",
						new Document("$gte", from).append("$lt", to))),
				new Document("$group",
						new Document("_id", "$status").append("chunkIndexes", new Document("$push", "$chunkIndex"))));
	}

	/** The command the ledger sends for a window of its status read, as the server receives it. */
	private static de.bwaldvogel.mongo.bson.Document ledgerCommand(long instance, long from, long to) {
		de.bwaldvogel.mongo.bson.Document match = new de.bwaldvogel.mongo.bson.Document("jobInstanceId", instance)
			.append("chunkIndex", new de.bwaldvogel.mongo.bson.Document("$gte", from).append("$lt", to));
		de.bwaldvogel.mongo.bson.Document group = new de.bwaldvogel.mongo.bson.Document("_id", "$status")
			.append("chunkIndexes", new de.bwaldvogel.mongo.bson.Document("$push", "$chunkIndex"));
		return new de.bwaldvogel.mongo.bson.Document("aggregate", "chunks")
			.append("pipeline", List.of(new de.bwaldvogel.mongo.bson.Document("$match", match),
					new de.bwaldvogel.mongo.bson.Document("$group", group)))
			.append("cursor", new de.bwaldvogel.mongo.bson.Document());
	}

	@SuppressWarnings("unchecked")
	private static de.bwaldvogel.mongo.MongoCollection<Object> collection(IndexedH2Backend backend) {
		return (de.bwaldvogel.mongo.MongoCollection<Object>) backend.resolveDatabase("chunking")
			.resolveCollection("chunks", true);
	}

	private static Document chunk(long instance, Object index, Object status) {
		return new Document("jobInstanceId", instance).append("chunkIndex", index).append("status", status);
	}

	private static String ints(int from, int to) {
		return String.join(", ", IntStream.range(from, to).mapToObj(Integer::toString).toList());
	}

	private static ChunkClaim claim(MongoChunkLedger ledger, long instance, int index) {
		return ledger.claim(new ChunkKey(instance, index), "worker-1", Duration.ofSeconds(30), NOW).orElseThrow();
	}

	private static void fail(MongoChunkLedger ledger, long instance, int index) {
		ChunkClaim claim = claim(ledger, instance, index);
		ledger.fail(claim, ChunkError.of(new IllegalStateException("boom"), "worker-1", claim.attempt(), NOW), NOW);
	}

}
