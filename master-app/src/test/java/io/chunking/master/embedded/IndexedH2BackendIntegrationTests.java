package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.mongo.MongoChunkLedger;

/**
 * The chunk ledger on the embedded Mongo-wire server with {@link IndexedH2Backend}: the same results as on the stock
 * H2 backend, and compare-and-set calls that look their chunk up by key instead of scanning the ledger.
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
		List<String> stock = onLedger(new H2Backend(this.dataDir.resolve("stock.mv").toString()), this::script);
		List<String> indexed = onLedger(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()),
				this::script);
		assertThat(indexed).isEqualTo(stock);
		assertThat(stock).contains("claim 0 by worker-2: false", "renew forged 5: false", "complete 0 again: true",
				"complete forged 5: false", "expire 7 early: false", "expire 7: true", "complete 7 by worker-2: true");
	}

	@Test
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

	/** Median milliseconds of a claim and a completion with the ledger at each size. */
	private double[] compareAndSetMillis(MongoChunkLedger ledger, int... sizes) {
		double[] medians = new double[sizes.length];
		int recorded = 0;
		for (int i = 0; i < sizes.length; i++) {
			record(ledger, 1, recorded, sizes[i]);
			int previous = recorded;
			recorded = sizes[i];
			List<Long> nanos = new ArrayList<>();
			for (int n = 0; n < 25; n++) {
				ChunkKey key = new ChunkKey(1, previous + n * ((recorded - previous) / 25));
				long start = System.nanoTime();
				ChunkClaim claim = ledger.claim(key, "worker-1", LEASE, NOW).orElseThrow();
				assertThat(ledger.complete(claim, new ChunkOutcome(new ItemCounts(1, 1, 0), "result"), NOW)).isTrue();
				nanos.add(System.nanoTime() - start);
			}
			medians[i] = nanos.stream().sorted().toList().get(nanos.size() / 2) / 1e6;
		}
		return medians;
	}

	private List<String> script(MongoChunkLedger ledger) {
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
		out.add("deleted 8: " + ledger.deleteAll(8));
		return out;
	}

	private static void record(MongoChunkLedger ledger, long instance, int from, int to) {
		for (int start = from; start < to; start += 1000) {
			ledger.record(IntStream.range(start, Math.min(to, start + 1000))
				.mapToObj((chunk) -> new NewChunk(new ChunkKey(instance, chunk), "job", 1, 500, "payload-" + chunk))
				.toList());
		}
	}

	private static <T> T onLedger(AbstractMongoBackend backend, Function<MongoChunkLedger, T> work) {
		MongoServer server = new MongoServer(backend);
		try {
			server.bind(new InetSocketAddress("127.0.0.1", 0));
			try (MongoClient client = MongoClients
				.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
				MongoChunkLedger ledger = new MongoChunkLedger(
						client.getDatabase("chunking").getCollection("chunks", Document.class));
				ledger.initialize();
				return work.apply(ledger);
			}
		}
		finally {
			server.shutdownNow();
			backend.close();
		}
	}

}
