package io.chunking.master.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoCommandException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ChunkStatusEntry;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.mongo.MongoChunkLedger;

/**
 * The chunk ledger on the embedded Mongo-wire server with {@link IndexedH2Backend}: the same results as on the stock
 * H2 backend, also after the data file is reopened, compare-and-set calls that look their chunk up by key instead of
 * scanning the ledger, and reads and counts of one job instance (by status) that do not scan the chunks of the
 * others.
 */
class IndexedH2BackendIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private static final Duration LEASE = Duration.ofSeconds(30);

	@TempDir
	Path dataDir;

	/**
	 * H2 reads its bind address once per JVM, when first loaded, and the MVStore loads it: set it as the embedded H2
	 * server does, so that the embedded servers that other tests in this JVM start still bind to loopback only.
	 */
	@BeforeAll
	static void bindH2ToLoopbackAsTheEmbeddedServerDoes() {
		if (System.getProperty(EmbeddedH2Server.BIND_ADDRESS_PROPERTY) == null) {
			System.setProperty(EmbeddedH2Server.BIND_ADDRESS_PROPERTY, "127.0.0.1");
		}
	}

	@Test
	void ledgerGivesTheSameResultsAsOnTheStockBackend() {
		List<String> stock = onChunks(new H2Backend(this.dataDir.resolve("stock.mv").toString()), this::script);
		List<String> indexed = onChunks(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				this::script);
		assertThat(indexed).isEqualTo(stock);
		assertThat(stock).contains("claim 0 by worker-2: false", "renew forged 5: false", "complete 0 again: true",
				"complete forged 5: false", "expire 7 early: false", "expire 7: true", "complete 7 by worker-2: true");
	}

	@Test
	@EnabledIfSystemProperty(named = "chunking.bench.timing", matches = "true",
			disabledReason = "a timing comparison, run as a benchmark: -Dchunking.bench.timing=true (docs/benchmarks.md)")
	void compareAndSetTimeStaysFlatAsTheLedgerGrows() {
		double[] indexed = onLedger(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				(ledger) -> compareAndSetMillis(ledger, 1_000, 10_000));
		// The stock backend scans every chunk: its figure grows with the ledger, which is what this test tells apart.
		// Times are wall times on a shared machine, hence the wide margin; a scan grows about tenfold here.
		double[] stock = onLedger(new H2Backend(this.dataDir.resolve("stock.mv").toString()),
				(ledger) -> compareAndSetMillis(ledger, 1_000, 10_000));
		assertThat(indexed[1]).as("ms per claim+complete at 10,000 chunks against 1,000: %s", Arrays.toString(indexed))
			.isLessThan(3 * indexed[0] + 1);
		assertThat(stock[1]).as("the stock backend at 10,000 chunks against 1,000: %s", Arrays.toString(stock))
			.isGreaterThan(3 * stock[0] + 1);
	}

	@Test
	void ledgerGivesTheSameResultsAfterTheDataFileIsReopened() {
		List<String> stock = reopened("stock.mv", H2Backend::new, H2Backend::new, H2Backend::new);
		assertThat(reopened("indexed.mv", IndexedH2Backend::new, IndexedH2Backend::new, IndexedH2Backend::new))
			.isEqualTo(stock);
		// The stock backend does not keep the status index's entries: the indexed one must not trust them afterwards.
		assertThat(reopened("mixed.mv", IndexedH2Backend::new, H2Backend::new, IndexedH2Backend::new))
			.isEqualTo(stock);
		assertThat(stock).contains("bulk: 7 modified, 2 deleted", "stream 9 [FAILED]: [3/FAILED/1]",
				"deleted 7: 50");
	}

	/** The script, then reads and writes on the data file reopened twice, each time by a backend of its own. */
	private List<String> reopened(String fileName, Function<String, AbstractMongoBackend> first,
			Function<String, AbstractMongoBackend> second, Function<String, AbstractMongoBackend> third) {
		String file = this.dataDir.resolve(fileName).toString();
		List<String> out = new ArrayList<>(onChunks(first.apply(file), this::script));
		out.addAll(onChunks(second.apply(file), this::afterReopening));
		out.addAll(onChunks(third.apply(file), this::afterReopeningAgain));
		return out;
	}

	private List<String> afterReopening(MongoChunkLedger ledger, MongoCollection<Document> chunks) {
		List<String> out = new ArrayList<>(statusReads(ledger, 7));
		record(ledger, 9, 0, 30);
		for (int chunk = 0; chunk < 6; chunk++) {
			ledger.claim(new ChunkKey(9, chunk), "worker-3", LEASE, NOW).orElseThrow();
		}
		BulkWriteResult bulk = chunks.bulkWrite(List.of(
				new UpdateOneModel<>(and(eq("jobInstanceId", 9L), eq("chunkIndex", 3)),
						Updates.set("status", "FAILED")),
				new UpdateManyModel<>(and(eq("jobInstanceId", 9L), in("chunkIndex", 10, 11, 12, 13, 14, 15)),
						Updates.set("status", "DEAD")),
				new DeleteOneModel<>(and(eq("jobInstanceId", 9L), eq("chunkIndex", 20))),
				new DeleteManyModel<>(and(eq("jobInstanceId", 9L), eq("status", "RUNNING"), gt("chunkIndex", 4)))));
		out.add("bulk: " + bulk.getModifiedCount() + " modified, " + bulk.getDeletedCount() + " deleted");
		out.addAll(statusReads(ledger, 9));
		out.addAll(aggregations(chunks));
		return out;
	}

	private List<String> afterReopeningAgain(MongoChunkLedger ledger, MongoCollection<Document> chunks) {
		List<String> out = new ArrayList<>(statusReads(ledger, 7));
		out.addAll(statusReads(ledger, 9));
		out.add("retry 9/3: " + ledger.retry(ledger.find(new ChunkKey(9, 3)).orElseThrow(), NOW));
		out.add("reset 9: " + ledger.resetUnfinished(9, 3));
		out.add("deleted 7: " + ledger.deleteAll(7));
		out.addAll(statusReads(ledger, 7));
		out.addAll(statusReads(ledger, 9));
		out.add("instance 9 by status: " + chunks.countDocuments(eq("jobInstanceId", 9L)) + " "
				+ chunks.countDocuments(and(eq("jobInstanceId", 9L), eq("status", "PENDING"))));
		out.addAll(aggregations(chunks));
		return out;
	}

	@Test
	@EnabledIfSystemProperty(named = "chunking.bench.timing", matches = "true",
			disabledReason = "a timing comparison, run as a benchmark: -Dchunking.bench.timing=true (docs/benchmarks.md)")
	void pollTimeStaysFlatAsOtherInstancesGrow() {
		double[] indexed = onLedger(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				(ledger) -> runningChunksMillis(ledger, 1_000, 20_000));
		// The stock backend scans every chunk of every instance; see compareAndSetTimeStaysFlatAsTheLedgerGrows.
		double[] stock = onLedger(new H2Backend(this.dataDir.resolve("stock.mv").toString()),
				(ledger) -> runningChunksMillis(ledger, 1_000, 20_000));
		assertThat(indexed[1]).as("ms per poll among 20,000 other chunks against 1,000: %s", Arrays.toString(indexed))
			.isLessThan(3 * indexed[0] + 1);
		assertThat(stock[1]).as("the stock backend among 20,000 other chunks against 1,000: %s", Arrays.toString(stock))
			.isGreaterThan(3 * stock[0] + 1);
	}

	@Test
	@EnabledIfSystemProperty(named = "chunking.bench.timing", matches = "true",
			disabledReason = "a timing comparison, run as a benchmark: -Dchunking.bench.timing=true (docs/benchmarks.md)")
	void countTimeStaysFlatAsOtherInstancesGrow() {
		double[] indexed = onLedger(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				(ledger) -> countMillis(ledger, 1_000, 20_000));
		// The stock backend aggregates over every chunk of every instance; see
		// compareAndSetTimeStaysFlatAsTheLedgerGrows.
		double[] stock = onLedger(new H2Backend(this.dataDir.resolve("stock.mv").toString()),
				(ledger) -> countMillis(ledger, 1_000, 20_000));
		assertThat(indexed[1]).as("ms per count and item counts among 20,000 other chunks against 1,000: %s",
				Arrays.toString(indexed))
			.isLessThan(3 * indexed[0] + 1);
		assertThat(stock[1]).as("the stock backend among 20,000 other chunks against 1,000: %s", Arrays.toString(stock))
			.isGreaterThan(3 * stock[0] + 1);
	}

	@Test
	@EnabledIfSystemProperty(named = "chunking.bench.timing", matches = "true",
			disabledReason = "a timing comparison, run as a benchmark: -Dchunking.bench.timing=true (docs/benchmarks.md)")
	void countingTheChunksOfALargeInstanceReadsNoDocument() {
		double[] indexed = onLedger(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				(ledger) -> largeInstanceCountMillis(ledger, 1_000, 20_000));
		double[] stock = onLedger(new H2Backend(this.dataDir.resolve("stock.mv").toString()),
				(ledger) -> largeInstanceCountMillis(ledger, 1_000, 20_000));
		// Covered counts walk index entries only: growing the instance twentyfold costs far less than reading its
		// documents, as the stock backend does.
		assertThat(indexed[1]).as("ms per count of an instance of 20,000 chunks against 1,000: %s; stock: %s",
				Arrays.toString(indexed), Arrays.toString(stock))
			.isLessThan(stock[1] / 5);
	}

	/** Median milliseconds of {@code count} of one instance holding each number of (pending) chunks. */
	private double[] largeInstanceCountMillis(MongoChunkLedger ledger, int... sizes) {
		double[] medians = new double[sizes.length];
		int recorded = 0;
		for (int i = 0; i < sizes.length; i++) {
			record(ledger, 1, recorded, sizes[i]);
			recorded = sizes[i];
			for (int n = 0; n < 5; n++) {
				assertThat(ledger.count(1).get(ChunkStatus.PENDING)).isEqualTo(recorded);
			}
			medians[i] = medianMillis(15, (n) -> ledger.count(1));
		}
		System.out.println("count of one instance, ms at " + Arrays.toString(sizes) + " chunks: "
				+ Arrays.toString(medians));
		return medians;
	}

	/**
	 * Median milliseconds of the reads of {@code GET /api/executions/{id}} (and of the manager's poll, which counts
	 * alone): the counts by status and the item counts of one job instance of 100 chunks, 10 of them succeeded and 2
	 * running, among each number of (pending) chunks of other instances. Untimed reads after the ledger grows let the
	 * JIT compile the path they take and the collector clear what recording left.
	 */
	private double[] countMillis(MongoChunkLedger ledger, int... otherChunks) {
		record(ledger, 1, 0, 100);
		for (int chunk = 20; chunk < 30; chunk++) {
			ChunkClaim claim = ledger.claim(new ChunkKey(1, chunk), "worker-1", LEASE, NOW).orElseThrow();
			ledger.complete(claim, new ChunkOutcome(new ItemCounts(100, 99, 1), "result"), NOW);
		}
		ledger.claim(new ChunkKey(1, 10), "worker-1", LEASE, NOW).orElseThrow();
		ledger.claim(new ChunkKey(1, 90), "worker-2", LEASE, NOW).orElseThrow();
		double[] medians = new double[otherChunks.length];
		int recorded = 0;
		for (int i = 0; i < otherChunks.length; i++) {
			for (; recorded < otherChunks[i]; recorded += 1000) {
				record(ledger, 1000 + recorded / 1000, 0, 1000);
			}
			for (int n = 0; n < 10; n++) {
				count(ledger);
			}
			medians[i] = medianMillis(25, (n) -> count(ledger));
		}
		return medians;
	}

	private static void count(MongoChunkLedger ledger) {
		ChunkCounts counts = ledger.count(1);
		assertThat(counts.get(ChunkStatus.PENDING)).isEqualTo(88);
		assertThat(counts.get(ChunkStatus.RUNNING)).isEqualTo(2);
		assertThat(counts.get(ChunkStatus.SUCCEEDED)).isEqualTo(10);
		assertThat(ledger.itemCounts(1)).isEqualTo(new ItemCounts(1000, 990, 10));
	}

	/**
	 * Median milliseconds of the supervision poll's reads of one job instance of 100 chunks, 2 of them running, among
	 * each number of chunks of other instances. The first polls, untimed, let the JIT compile the path they take.
	 */
	private double[] runningChunksMillis(MongoChunkLedger ledger, int... otherChunks) {
		record(ledger, 1, 0, 100);
		ledger.claim(new ChunkKey(1, 10), "worker-1", LEASE, NOW).orElseThrow();
		ledger.claim(new ChunkKey(1, 90), "worker-2", LEASE, NOW).orElseThrow();
		for (int n = 0; n < 25; n++) {
			poll(ledger);
		}
		double[] medians = new double[otherChunks.length];
		int recorded = 0;
		for (int i = 0; i < otherChunks.length; i++) {
			for (; recorded < otherChunks[i]; recorded += 1000) {
				record(ledger, 1000 + recorded / 1000, 0, 1000);
			}
			medians[i] = medianMillis(25, (n) -> poll(ledger));
		}
		return medians;
	}

	/** The running chunks of instance 1 (for lease expiry) and its failed ones (for retries). */
	private static void poll(MongoChunkLedger ledger) {
		try (Stream<ChunkRecord> running = ledger.stream(1, List.of(ChunkStatus.RUNNING));
				Stream<ChunkRecord> failed = ledger.stream(1, List.of(ChunkStatus.FAILED))) {
			assertThat(running.map(ChunkRecord::chunkIndex)).containsExactly(10, 90);
			assertThat(failed).isEmpty();
		}
	}

	/** Median milliseconds of a claim and a completion with the ledger at each size. */
	private double[] compareAndSetMillis(MongoChunkLedger ledger, int... sizes) {
		double[] medians = new double[sizes.length];
		int recorded = 0;
		for (int i = 0; i < sizes.length; i++) {
			record(ledger, 1, recorded, sizes[i]);
			int previous = recorded;
			int size = sizes[i];
			recorded = size;
			medians[i] = medianMillis(25, (n) -> {
				ChunkKey key = new ChunkKey(1, previous + n * ((size - previous) / 25));
				ChunkClaim claim = ledger.claim(key, "worker-1", LEASE, NOW).orElseThrow();
				assertThat(ledger.complete(claim, new ChunkOutcome(new ItemCounts(1, 1, 0), "result"), NOW)).isTrue();
			});
		}
		return medians;
	}

	private List<String> script(MongoChunkLedger ledger, MongoCollection<Document> chunks) {
		List<String> out = new ArrayList<>();
		record(ledger, 7, 0, 50);
		record(ledger, 8, 0, 50);
		List<ChunkClaim> claims = new ArrayList<>();
		for (int chunk = 0; chunk < 10; chunk++) {
			claims.add(ledger.claim(new ChunkKey(7, chunk), "worker-1", LEASE, NOW).orElseThrow());
		}
		out.add("claim 0 by worker-2: " + ledger.claim(new ChunkKey(7, 0), "worker-2", LEASE, NOW).isPresent());
		ledger.dispatched(7, List.of(10, 11, 12, 99), NOW);
		ledger.dispatched(7, List.of(10, 13), NOW.plusSeconds(1));
		out.add("renew 0: " + ledger.renew(claims.get(0), LEASE, NOW.plusSeconds(5)).isPresent());
		ChunkClaim forged = new ChunkClaim(new ChunkKey(7, 5), 1, "worker-2", NOW, claims.get(5).record());
		out.add("renew forged 5: " + ledger.renew(forged, LEASE, NOW).isPresent());
		ChunkOutcome outcome = new ChunkOutcome(new ItemCounts(100, 99, 1), "result-key");
		for (int chunk = 0; chunk < 5; chunk++) {
			out.add("complete " + chunk + ": " + ledger.complete(claims.get(chunk), outcome, NOW));
		}
		out.add("complete 0 again: " + ledger.complete(claims.get(0), outcome, NOW));
		out.add("complete forged 5: " + ledger.complete(forged, outcome, NOW));
		ChunkError error = new ChunkError("java.lang.IllegalStateException", "boom", "worker-1", 1, NOW);
		out.add("fail 5: " + ledger.fail(claims.get(5), error, NOW));
		out.add("fail 6: " + ledger.fail(claims.get(6), error, NOW));
		out.add("retry 5: " + ledger.retry(ledger.find(new ChunkKey(7, 5)).orElseThrow(), NOW));
		out.add("bury 6: " + ledger.bury(ledger.find(new ChunkKey(7, 6)).orElseThrow(), NOW));
		out.add("bury 6 again: " + ledger.bury(ledger.find(new ChunkKey(7, 6)).orElseThrow(), NOW));
		ChunkRecord running = ledger.find(new ChunkKey(7, 7)).orElseThrow();
		out.add("expire 7 early: " + ledger.expire(running, NOW));
		out.add("expire 7: " + ledger.expire(running, NOW.plus(LEASE).plusSeconds(1)));
		out.add("unclaimed: " + ledger.unclaimed(7, NOW.plusSeconds(1), 100)
			.stream()
			.map((chunk) -> chunk.key().chunkIndex() + "/" + chunk.dispatches())
			.toList());
		out.add("counts: " + ledger.count(7) + " items " + ledger.itemCounts(7));
		out.addAll(statusReads(ledger, 7));
		out.addAll(aggregations(chunks));
		out.add("hold 8: " + ledger.hold(8));
		out.add("reset 7: " + ledger.resetUnfinished(7, 2));
		out.add("reset 8: " + ledger.resetUnfinished(8, 2));
		ChunkClaim again = ledger.claim(new ChunkKey(7, 7), "worker-2", LEASE, NOW).orElseThrow();
		out.add("complete 7 by worker-2: " + ledger.complete(again, outcome, NOW));
		for (long instance : new long[] { 7, 8 }) {
			for (ChunkRecord chunk : ledger.page(instance, null, 0, 100)) {
				out.add("chunk " + instance + " " + chunk.chunkIndex() + " " + chunk.status() + " " + chunk.attempt()
						+ " " + chunk.workerId() + " " + chunk.jobExecutionId() + " " + chunk.counts() + " "
						+ chunk.resultKey() + " " + ((chunk.lastError() != null) ? chunk.lastError().type() : "-"));
			}
		}
		out.addAll(statusReads(ledger, 7));
		out.addAll(statusReads(ledger, 8));
		out.addAll(aggregations(chunks));
		out.add("deleted 8: " + ledger.deleteAll(8));
		out.addAll(statusReads(ledger, 8));
		out.addAll(aggregations(chunks));
		return out;
	}

	/**
	 * Aggregations starting with a {@code $match} that an index serves, or not, whose results show the documents'
	 * order (no {@code $sort}), that read the collection again ({@code $lookup}) or fail while running, beside the
	 * ledger's own ({@link #statusReads}).
	 */
	private static List<String> aggregations(MongoCollection<Document> chunks) {
		Bson chunk = Projections.fields(Projections.excludeId(), Projections.include("jobInstanceId", "chunkIndex",
				"status"));
		List<String> out = new ArrayList<>();
		for (long instance = 7; instance <= 9; instance++) {
			out.add(aggregate(chunks, Aggregates.match(eq("jobInstanceId", instance)), Aggregates.project(chunk)));
			out.add(aggregate(chunks, Aggregates.match(eq("jobInstanceId", instance)),
					Aggregates.group("$status", Accumulators.sum("n", 1))));
			out.add(aggregate(chunks, Aggregates.match(and(eq("jobInstanceId", instance), gt("attempt", 0))),
					Aggregates.group("$workerId", Accumulators.sum("n", 1), Accumulators.sum("read", "$readCount")),
					Aggregates.sort(Sorts.ascending("_id"))));
			out.add("countDocuments " + instance + ": " + chunks.countDocuments(eq("jobInstanceId", instance)) + " "
					+ chunks.countDocuments(and(eq("jobInstanceId", instance), eq("status", "SUCCEEDED"))) + " "
					+ chunks.countDocuments(and(eq("jobInstanceId", instance), in("status", "PENDING", "FAILED")))
					+ " " + chunks.countDocuments(and(eq("jobInstanceId", instance), eq("status", "RUNNING"),
							eq("chunkIndex", 7)))
					+ " " + chunks.countDocuments(and(eq("jobInstanceId", instance), gt("attempt", 0))) + " "
					+ chunks.countDocuments(and(eq("jobInstanceId", instance), eq("status", "PENDING"),
							eq("status", "FAILED"))));
		}
		out.add(aggregate(chunks, Aggregates.match(and(in("jobInstanceId", 7L, 8L, 9L), eq("status", "PENDING"))),
				Aggregates.skip(3), Aggregates.limit(5), Aggregates.project(chunk)));
		out.add(aggregate(chunks, Aggregates.match(and(eq("jobInstanceId", 7L), in("chunkIndex", 9, 3, 40, 1))),
				Aggregates.project(chunk)));
		out.add(aggregate(chunks, Aggregates.match(and(eq("jobInstanceId", 7L), lt("chunkIndex", 12))),
				Aggregates.lookup("chunks", "chunkIndex", "chunkIndex", "same"),
				Aggregates.project(Projections.fields(Projections.excludeId(), Projections.include("chunkIndex"),
						Projections.computed("same", new Document("$size", "$same"))))));
		out.add(aggregate(chunks, Aggregates.match(eq("jobInstanceId", 7L)),
				Aggregates.facet(new Facet("count", Aggregates.count()),
						new Facet("failed", Aggregates.match(eq("status", "FAILED")), Aggregates.project(chunk)))));
		out.add(aggregate(chunks, Aggregates.match(eq("status", "RUNNING")), Aggregates.project(chunk)));
		out.add(aggregate(chunks, Aggregates.match(eq("jobInstanceId", 99L)), Aggregates.count()));
		out.add(aggregate(chunks, Aggregates.match(eq("jobInstanceId", 7L)),
				Aggregates.project(new Document("x", new Document("$divide", List.of(1, 0))))));
		return out;
	}

	private static String aggregate(MongoCollection<Document> chunks, Bson... pipeline) {
		try {
			List<String> results = new ArrayList<>();
			for (Document result : chunks.aggregate(List.of(pipeline))) {
				results.add(result.toJson());
			}
			return "aggregate " + Arrays.toString(pipeline) + ": " + results;
		}
		catch (MongoCommandException ex) {
			return "aggregate " + Arrays.toString(pipeline) + ": error " + ex.getErrorCode() + " "
					+ ex.getErrorMessage();
		}
	}

	/** The reads that the status index serves: those of the master's supervision polls and of the API. */
	private static List<String> statusReads(MongoChunkLedger ledger, long instance) {
		List<String> out = new ArrayList<>();
		for (List<ChunkStatus> statuses : List.of(List.of(ChunkStatus.RUNNING), List.of(ChunkStatus.FAILED),
				List.of(ChunkStatus.FAILED, ChunkStatus.DEAD), List.of(ChunkStatus.PENDING, ChunkStatus.RUNNING),
				List.of(ChunkStatus.values()))) {
			try (Stream<ChunkRecord> chunks = ledger.stream(instance, statuses)) {
				out.add("stream " + instance + " " + statuses + ": " + chunks
					.map((chunk) -> chunk.chunkIndex() + "/" + chunk.status() + "/" + chunk.attempt())
					.toList());
			}
		}
		out.add("statuses " + instance + ": " + statuses(ledger, instance));
		out.add("pending page " + instance + ": "
				+ ledger.page(instance, ChunkStatus.PENDING, 1, 7).stream().map(ChunkRecord::chunkIndex).toList());
		out.add("counts " + instance + ": " + ledger.count(instance) + " items " + ledger.itemCounts(instance));
		out.add("unclaimed " + instance + ": " + ledger.unclaimed(instance, NOW.plusSeconds(1), 100)
			.stream()
			.map((chunk) -> chunk.key().chunkIndex() + "/" + chunk.dispatches())
			.toList());
		return out;
	}

	/** The ledger's read of the status of each chunk of the instance: index/status, in order. */
	static String statuses(MongoChunkLedger ledger, long instance) {
		try (Stream<ChunkStatusEntry> statuses = ledger.statuses(instance)) {
			return statuses.map((chunk) -> chunk.chunkIndex() + "/" + chunk.status()).toList().toString();
		}
	}

	/** Median milliseconds of {@code times} calls, each given its number. */
	private static double medianMillis(int times, IntConsumer call) {
		List<Long> nanos = new ArrayList<>();
		for (int n = 0; n < times; n++) {
			long start = System.nanoTime();
			call.accept(n);
			nanos.add(System.nanoTime() - start);
		}
		return nanos.stream().sorted().toList().get(nanos.size() / 2) / 1e6;
	}

	static void record(MongoChunkLedger ledger, long instance, int from, int to) {
		for (int start = from; start < to; start += 1000) {
			ledger.record(IntStream.range(start, Math.min(to, start + 1000))
				.mapToObj((chunk) -> new NewChunk(new ChunkKey(instance, chunk), "job", 1, 500, "payload-" + chunk))
				.toList());
		}
	}

	private static <T> T onLedger(AbstractMongoBackend backend, Function<MongoChunkLedger, T> work) {
		return onChunks(backend, (ledger, chunks) -> work.apply(ledger));
	}

	/** The work done on the ledger and its collection on a server with this backend, closed afterwards. */
	static <T> T onChunks(AbstractMongoBackend backend,
			BiFunction<MongoChunkLedger, MongoCollection<Document>, T> work) {
		MongoServer server = new MongoServer(backend);
		try {
			server.bind(new InetSocketAddress("127.0.0.1", 0));
			try (MongoClient client = MongoClients
				.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
				MongoCollection<Document> chunks = client.getDatabase("chunking")
					.getCollection("chunks", Document.class);
				MongoChunkLedger ledger = new MongoChunkLedger(chunks);
				ledger.initialize();
				return work.apply(ledger, chunks);
			}
		}
		finally {
			server.shutdownNow();
			backend.close();
		}
	}

}
