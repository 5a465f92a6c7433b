package io.chunking.master.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Queries sorted on {@code _id} with a limit, which {@link IdOrderedH2Collection} answers by reading documents in
 * {@code _id} order: the same results as the stock H2 backend gives, through a real MongoDB driver over the wire,
 * for every kind of collection: 64-bit, 32-bit and string ids (read in order), ObjectIds and mixed types (left to
 * the stock read), paging on {@code _id} the way {@code MongoSource} does, bounds of other types, skips,
 * projections, descending sorts, queries an index serves, and documents changed and removed between pages.
 */
class IdOrderedQueriesIntegrationTests {

	private static final int DOCUMENTS = 3_000;

	@TempDir
	Path dataDir;

	/** As in {@link IndexedH2BackendIntegrationTests}: H2 reads its bind address once per JVM. */
	@BeforeAll
	static void bindH2ToLoopback() {
		IndexedH2BackendIntegrationTests.bindH2ToLoopbackAsTheEmbeddedServerDoes();
	}

	@Test
	void longIdsGiveTheStockResults() {
		List<String> stock = compare(documents((i) -> (long) i * 3 - 4_000));
		// One of the next page changed to v = 2 and one removed between pages: 2 fewer.
		assertThat(stock).contains("page through v != 2: " + (DOCUMENTS - DOCUMENTS / 5 - 2) + " ids in order",
				"greatest: [4997]", "after an Integer bound 100, 3: [101, 104, 107]",
				"after a Double bound 100.5, 3: [101, 104, 107]", "after a string bound: []");
	}

	@Test
	void intAndStringIdsGiveTheStockResults() {
		assertThat(compare(documents((i) -> i * 7 - 10_000))).contains("greatest: [10993]");
		List<String> strings = compare(documents((i) -> String.format("key-%05d", (i * 7_919) % 100_000)));
		assertThat(strings).contains("page through v != 2: " + (DOCUMENTS - DOCUMENTS / 5 - 2) + " ids in order");
	}

	@Test
	void objectIdAndMixedIdsGiveTheStockResults() {
		compare(documents((i) -> new ObjectId()));
		List<String> mixed = compare(documents((i) -> switch (i % 4) {
			case 0 -> i;
			case 1 -> (long) -i;
			case 2 -> "s" + i;
			default -> new Document("n", i);
		}));
		// Paging on _id > last stays within the numbers, the first type in MongoDB's order (1,500 ids, 300 with v = 2).
		assertThat(mixed).contains("page through v != 2: 1200 ids in order");
	}

	@Test
	void emptyCollectionGivesTheStockResults() {
		assertThat(compare(List.of())).contains("greatest: []");
	}

	/** Runs the queries on the stock and the indexed backend, each holding the same documents; returns stock's. */
	private List<String> compare(List<Document> documents) {
		List<String> stock = on(new H2Backend(this.dataDir.resolve("stock.mv").toString()), documents);
		List<String> indexed = on(new IndexedH2Backend(this.dataDir.resolve("indexed.mv").toString()), documents);
		assertThat(indexed).isEqualTo(stock);
		return stock;
	}

	private List<String> script(MongoCollection<Document> collection, List<Document> documents) {
		List<String> results = new ArrayList<>();
		// Inserted out of order, in batches, so that the data map's order is not the insertion order.
		List<Document> shuffled = new ArrayList<>(documents);
		Collections.shuffle(shuffled, new Random(7));
		for (int from = 0; from < shuffled.size(); from += 500) {
			collection.insertMany(shuffled.subList(from, Math.min(shuffled.size(), from + 500)));
		}
		// Paging as MongoSource does, on the first page's type only (a range query stays within its type).
		Bson filter = ne("v", 2);
		List<Object> paged = new ArrayList<>();
		Object last = null;
		while (true) {
			Bson query = (last == null) ? filter : and(filter, gt("_id", last));
			List<Document> page = collection.find(query).sort(Sorts.ascending("_id")).limit(97).into(new ArrayList<>());
			if (page.isEmpty()) {
				break;
			}
			page.forEach((document) -> paged.add(document.get("_id")));
			last = page.get(page.size() - 1).get("_id");
			if (paged.size() == 97 * 20) {
				// Between pages: a document of the next page changes, one is removed, one is added.
				collection.updateOne(and(gt("_id", last), ne("v", 2)), new Document("$set", new Document("v", 2)));
				collection.deleteOne(and(gt("_id", last), ne("v", 2)));
			}
		}
		results.add("page through v != 2: " + paged.size() + " ids in order");
		results.add("paged: " + paged);
		results.add("greatest: " + ids(collection.find().sort(Sorts.descending("_id")).limit(1)));
		results.add("least 3 with v = 1, skip 2: "
				+ ids(collection.find(Filters.eq("v", 1)).sort(Sorts.ascending("_id")).skip(2).limit(3)));
		if (!documents.isEmpty()) {
			Object middle = documents.get(documents.size() / 2).get("_id");
			results.add("from the middle, 5 projected: " + collection.find(gte("_id", middle))
				.projection(Projections.include("v"))
				.sort(Sorts.ascending("_id"))
				.limit(5)
				.into(new ArrayList<>()));
			results.add("before the middle, down, 4: "
					+ ids(collection.find(lt("_id", middle)).sort(Sorts.descending("_id")).limit(4)));
			results.add("up to the middle, down, 4: "
					+ ids(collection.find(lte("_id", middle)).sort(Sorts.descending("_id")).limit(4)));
			results.add("two bounds, 3: " + ids(collection.find(and(gt("_id", documents.get(10).get("_id")),
					gt("_id", middle))).sort(Sorts.ascending("_id")).limit(3)));
			List<Object> some = List.of(documents.get(5).get("_id"), middle, documents.get(1).get("_id"));
			results.add("$in, sorted, 2: " + ids(collection.find(in("_id", some)).sort(Sorts.ascending("_id")).limit(2)));
			results.add("sorted on _id then v, 3: "
					+ ids(collection.find().sort(Sorts.ascending("_id", "v")).limit(3)));
			results.add("no limit: " + ids(collection.find(gt("_id", middle)).sort(Sorts.ascending("_id"))).size());
		}
		results.add("after an Integer bound 100, 3: "
				+ ids(collection.find(gt("_id", 100)).sort(Sorts.ascending("_id")).limit(3)));
		results.add("after a Double bound 100.5, 3: "
				+ ids(collection.find(gt("_id", 100.5)).sort(Sorts.ascending("_id")).limit(3)));
		results.add("after a string bound: "
				+ ids(collection.find(gt("_id", "key-5")).sort(Sorts.ascending("_id")).limit(3)));
		return results;
	}

	private static List<Object> ids(FindIterable<Document> find) {
		return find.map((document) -> document.get("_id")).into(new ArrayList<>());
	}

	private static List<Document> documents(Function<Integer, Object> id) {
		return IntStream.range(0, DOCUMENTS)
			.mapToObj((i) -> new Document("_id", id.apply(i)).append("v", i % 5).append("text", "document " + i))
			.collect(Collectors.toList());
	}

	private List<String> on(AbstractMongoBackend backend, List<Document> documents) {
		MongoServer server = new MongoServer(backend);
		try {
			server.bind(new InetSocketAddress("127.0.0.1", 0));
			try (MongoClient client = MongoClients
				.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
				MongoCollection<Document> collection = client.getDatabase("test").getCollection("documents");
				collection.drop();
				return script(collection, documents.stream().map((d) -> new Document(d)).toList());
			}
		}
		finally {
			server.shutdownNow();
			backend.close();
		}
	}

}
