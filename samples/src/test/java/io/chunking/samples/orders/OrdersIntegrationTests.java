package io.chunking.samples.orders;

import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.chunking.testing.ClusterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * The orders samples on a master and two worker processes, over the embedded S3 and Mongo-wire servers and a JDBC
 * database (PostgreSQL when it answers, else an H2 server): each built-in source and sink in a real job, asserting
 * the exact outcome. Every valid order is priced once; an unreadable row or line and an order with a negative
 * amount are skipped and recorded with their positions; a chunk whose first attempt failed after writing its output,
 * and chunks of a worker killed mid-run, leave no duplicate document or row, and an S3 manifest lists exactly the
 * attempts that count. A source that cannot be read fails the execution while slicing, saying why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersIntegrationTests {

	static final String BUCKET = "samples";

	static OrdersDatabase database;

	static int workers;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("orders", (cluster) -> {
		database = OrdersDatabase.start(cluster.workingDir());
		String[] jdbc = database.args();
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=100ms",
				"--chunking.master.max-retry-backoff=500ms");
		cluster.masterArgs(jdbc);
		cluster.workerArgs("--chunking.worker.lease=4s", "--chunking.worker.renew-interval=1s",
				"--chunking.worker.heartbeat-interval=1s");
		cluster.workerArgs(jdbc);
		cluster.startMaster();
		startWorker();
		startWorker();
		try (S3Client s3 = cluster.s3Client()) {
			s3.createBucket((bucket) -> bucket.bucket(BUCKET));
		}
	});

	@AfterAll
	static void dropTables() throws Exception {
		if (database != null) {
			database.close();
		}
	}

	static String startWorker() throws Exception {
		String id = "worker-" + (++workers);
		cluster.startWorker(id);
		return id;
	}

	@Test
	@Order(1)
	void sourcesThatCannotBeReadFailTheExecutionWhileSlicingSayingWhy() throws Exception {
		database.createTables(false);
		put("broken/header.csv", "id,customer,category\no-1,c,books\n");

		assertFailsWhileSlicing(OrdersJobs.S3_CSV, Map.of("input", "s3://" + BUCKET + "/missing/orders.csv"),
				"s3://" + BUCKET + "/missing/orders.csv");
		assertFailsWhileSlicing(OrdersJobs.S3_CSV, Map.of("input", "s3://" + BUCKET + "/broken/header.csv"),
				"amount");
		assertFailsWhileSlicing(OrdersJobs.JDBC, Map.of(), "jdbc:orders");
		assertFailsWhileSlicing(OrdersJobs.FILE, Map.of("file", cluster.workingDir().resolve("none.csv").toString()),
				"none.csv");
	}

	@Test
	@Order(2)
	void csvObjectsInS3BecomeNdjsonObjectsListedInAManifestOfTheCountedAttemptsOnly() throws Exception {
		int orders = 2_000;
		StringBuilder plain = new StringBuilder("id,customer,category,amount\n");
		OrdersData.orders(0, 1_000).forEach((order) -> plain.append(OrdersData.csvRow(order)).append('\n'));
		plain.append("o-bad-1,c-1,books\n"); // line 1002: one field short, the master cannot map it
		plain.append("o-bad-2,c-2,books,not-a-number\n"); // line 1003: a worker cannot read the amount
		StringBuilder zipped = new StringBuilder("id,customer,category,amount\n");
		OrdersData.orders(1_000, orders).forEach((order) -> zipped.append(OrdersData.csvRow(order)).append('\n'));
		zipped.append("o-bad-3,\"c-3, \"\"the third\"\"\",books,-1.00\n"); // line 1002: a negative amount, refused
		put("orders/part-1.csv", plain.toString());
		putGzip("orders/part-2.csv.gz", zipped.toString());

		long id = cluster.trigger(OrdersJobs.S3_CSV, Map.of("chunkSize", "50", "failAfterOutput", "3,30"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertCompleted(execution, 0, orders);
		long instance = instanceId(execution);
		String prefix = "results/" + OrdersJobs.S3_CSV + "/" + instance + "/";
		assertThat(execution.get("result")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("manifest", "s3://" + BUCKET + "/" + prefix + "manifest.json");
		JsonNode manifest = cluster.json().readTree(get(prefix + "manifest.json"));
		List<String> listed = new ArrayList<>();
		manifest.path("objects").forEach((object) -> listed.add(object.path("key").asString()));
		assertThat(listed).as("one object per chunk, in chunk order").hasSize(41);
		assertThat(listed).contains(prefix + "chunk-000003-attempt-2.ndjson", prefix + "chunk-000030-attempt-2.ndjson")
			.doesNotContain(prefix + "chunk-000003-attempt-1.ndjson", prefix + "chunk-000030-attempt-1.ndjson");
		assertThat(keys(prefix)).as("the failed attempts' outputs are there, but not listed")
			.contains(prefix + "chunk-000003-attempt-1.ndjson", prefix + "chunk-000030-attempt-1.ndjson");
		assertThat(manifest.path("items").asLong()).isEqualTo(orders);
		Map<String, Long> priced = new TreeMap<>();
		for (String key : listed) {
			for (String line : get(key).split("\n")) {
				JsonNode total = cluster.json().readTree(line);
				assertThat(priced.put(total.path("id").asString(), total.path("amountCents").asLong()))
					.as("%s listed once", total.path("id").asString())
					.isNull();
			}
		}
		assertThat(priced).hasSize(orders);
		assertThat(priced).allSatisfy((order, cents) -> assertThat(cents)
			.isEqualTo(OrdersData.cents(Integer.parseInt(order.substring(2)))));
		assertThat(skips(instance)).containsExactlyInAnyOrder(
				"s3://" + BUCKET + "/orders/part-1.csv:1002",
				"s3://" + BUCKET + "/orders/part-1.csv:1003",
				"s3://" + BUCKET + "/orders/part-2.csv.gz:1002");
	}

	@Test
	@Order(3)
	void ndjsonInS3IsUpsertedIntoMongoOnceEvenWhenAWorkerIsKilledAndAChunkFailsAfterWriting() throws Exception {
		int orders = 6_000;
		StringBuilder lines = new StringBuilder();
		OrdersData.orders(0, orders).forEach((order) -> lines.append(OrdersData.ndjson(order)).append('\n'));
		lines.insert(0, "{\"id\": \"o-broken\", \"amount\": \n");
		put("orders-ndjson/all.ndjson", lines.toString());

		long id = cluster.trigger(OrdersJobs.S3_NDJSON, Map.of("chunkSize", "20", "failAfterOutput", "0,7"));
		long[] killed = killAWorkerMidRun(id);
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(4));

		assertCompleted(execution, 0, orders);
		assertRunAgain(killed);
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			MongoDatabase samples = mongo.getDatabase(BUCKET);
			List<Document> documents = samples.getCollection(OrdersJobs.TOTALS_COLLECTION).find().into(new ArrayList<>());
			assertThat(documents).hasSize(orders);
			assertThat(documents).allSatisfy((document) -> assertThat(document.get("amountCents", Number.class)
				.longValue()).isEqualTo(OrdersData.cents(Integer.parseInt(document.getString("_id").substring(2)))));
		}
		assertThat(skips(instanceId(execution))).containsExactly("s3://" + BUCKET + "/orders-ndjson/all.ndjson:1");
	}

	@Test
	@Order(4)
	void aMongoCollectionIsUpsertedIntoATableOnceEvenWhenAWorkerIsKilled() throws Exception {
		int orders = 5_000;
		database.createTables(false);
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			List<Document> documents = new ArrayList<>();
			OrdersData.orders(0, orders)
				.forEach((order) -> documents.add(new Document("_id", order.id()).append("id", order.id())
					.append("customer", order.customer())
					.append("category", order.category())
					.append("amount", new Decimal128(order.amount()))));
			documents.add(new Document("_id", "o-zz-unreadable").append("id", "o-zz-unreadable")
				.append("customer", "c").append("category", "books").append("amount", "a lot"));
			mongo.getDatabase(BUCKET).getCollection(OrdersJobs.ORDERS_COLLECTION).insertMany(documents);
		}

		long id = cluster.trigger(OrdersJobs.MONGO, Map.of("chunkSize", "20", "failAfterOutput", "5"));
		long[] killed = killAWorkerMidRun(id);
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(4));

		assertCompleted(execution, 0, orders);
		assertRunAgain(killed);
		Map<String, Long> rows = new HashMap<>();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select id, amount_cents from " + OrdersJobs.TOTALS_TABLE)) {
			while (result.next()) {
				assertThat(rows.put(result.getString(1), result.getLong(2))).isNull();
			}
		}
		assertThat(rows).as("rows in %s", database.product()).hasSize(orders);
		assertThat(rows).allSatisfy((order, cents) -> assertThat(cents)
			.isEqualTo(OrdersData.cents(Integer.parseInt(order.substring(2)))));
		assertThat(skips(instanceId(execution))).containsExactly("mongodb:" + BUCKET + ".orders/_id=\"o-zz-unreadable\"");
	}

	@Test
	@Order(5)
	void aTableIsReadInKeyOrderIntoCsvObjectsListedInAManifest() throws Exception {
		int orders = 3_000;
		database.createTables(true);
		try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
				"insert into " + OrdersJobs.ORDERS_TABLE + " (id, customer, category, amount) values (?, ?, ?, ?)")) {
			// Inserted in reverse: the source reads in key order anyway.
			for (int i = orders - 1; i >= 0; i--) {
				io.chunking.samples.orders.Order order = OrdersData.order(i);
				insert.setString(1, order.id());
				insert.setString(2, order.customer());
				insert.setString(3, order.category());
				insert.setBigDecimal(4, order.amount());
				insert.addBatch();
			}
			insert.executeBatch();
		}

		long id = cluster.trigger(OrdersJobs.JDBC, Map.of("chunkSize", "100", "output", "from-jdbc"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertCompleted(execution, 0, orders);
		String prefix = "from-jdbc/" + OrdersJobs.JDBC + "/" + instanceId(execution) + "/";
		JsonNode manifest = cluster.json().readTree(get(prefix + "manifest.json"));
		List<String> ids = new ArrayList<>();
		for (JsonNode object : manifest.path("objects")) {
			String[] lines = get(object.path("key").asString()).split("\n");
			assertThat(lines[0]).isEqualTo("id,customer,category,amountCents");
			for (int line = 1; line < lines.length; line++) {
				ids.add(lines[line].substring(0, lines[line].indexOf(',')));
			}
		}
		assertThat(ids).as("every row once, in key order").isEqualTo(
				OrdersData.orders(0, orders).stream().map(io.chunking.samples.orders.Order::id).toList());
	}

	@Test
	@Order(6)
	void aFileReadByAFlatFileItemReaderIsUpsertedIntoMongo() throws Exception {
		int orders = 1_000;
		Path file = cluster.workingDir().resolve("orders.csv");
		List<String> lines = new ArrayList<>(List.of("id,customer,category,amount"));
		OrdersData.orders(0, orders).forEach((order) -> lines.add(OrdersData.csvRow(order)));
		Files.write(file, lines);

		long id = cluster.trigger(OrdersJobs.FILE, Map.of("file", file.toString(), "chunkSize", "100",
				"failAfterOutput", "2"));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(3));

		assertCompleted(execution, 0, orders);
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			Set<String> stored = mongo.getDatabase(BUCKET)
				.getCollection(OrdersJobs.FILE_TOTALS_COLLECTION)
				.find()
				.map((document) -> document.getString("_id"))
				.into(new TreeSet<>());
			assertThat(stored).isEqualTo(OrdersData.orders(0, orders)
				.stream()
				.map(io.chunking.samples.orders.Order::id)
				.collect(Collectors.toCollection(TreeSet::new)));
		}
	}

	private static void assertFailsWhileSlicing(String job, Map<String, String> parameters, String named)
			throws Exception {
		long id = cluster.trigger(job, parameters);
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofMinutes(1));
		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("FAILED");
		assertThat((String) execution.get("exitDescription")).as("exit description of %s", job)
			.contains("The source of job '" + job + "' could not be read")
			.contains(named);
	}

	@SuppressWarnings("unchecked")
	private static void assertCompleted(Map<String, Object> execution, int from, int to) {
		assertThat(execution.get("status")).as("execution %s", execution).isEqualTo("COMPLETED");
		Map<String, Object> result = (Map<String, Object>) execution.get("result");
		Map<String, Object> expected = OrdersData.result(from, to);
		assertThat(((Number) result.get("orders")).longValue()).isEqualTo(expected.get("orders"));
		Map<String, Long> cents = new TreeMap<>();
		((Map<String, Number>) result.get("centsByCategory"))
			.forEach((category, sum) -> cents.put(category, sum.longValue()));
		assertThat(cents).isEqualTo(expected.get("centsByCategory"));
	}

	/**
	 * Kills a worker (SIGKILL) while it holds a chunk, once some chunks succeeded, and starts another one.
	 * @return the job instance and the index of the chunk the worker held
	 */
	private static long[] killAWorkerMidRun(long executionId) throws Exception {
		cluster.awaitSucceeded(executionId, 20, Duration.ofMinutes(2));
		long instance = instanceId(cluster.get("/api/executions/" + executionId).body());
		String victim = "worker-" + (workers - 1);
		int held = cluster.killWhileHoldingAChunk(victim, instance);
		startWorker();
		return new long[] { instance, held };
	}

	/** The chunk the killed worker held was run again, by another worker. */
	private static void assertRunAgain(long[] killed) {
		Document chunk = cluster.ledger(killed[0]).get((int) killed[1]);
		assertThat(chunk.getInteger("attempt")).as("attempts of the chunk held by the killed worker").isGreaterThan(1);
		assertThat(chunk.getString("status")).isEqualTo("SUCCEEDED");
	}

	/** The positions of the items the chunks of an instance skipped. */
	private static List<String> skips(long instance) {
		List<String> positions = new ArrayList<>();
		for (Document chunk : cluster.ledger(instance).values()) {
			List<Document> skips = chunk.getList("skips", Document.class);
			if (skips != null) {
				skips.forEach((skip) -> positions.add(skip.getString("position")));
			}
		}
		return positions;
	}

	private static void put(String key, String content) {
		try (S3Client s3 = cluster.s3Client()) {
			s3.putObject((request) -> request.bucket(BUCKET).key(key), RequestBody.fromString(content));
		}
	}

	private static void putGzip(String key, String content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(content.getBytes(StandardCharsets.UTF_8));
		}
		try (S3Client s3 = cluster.s3Client()) {
			s3.putObject((request) -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes.toByteArray()));
		}
	}

	private static String get(String key) {
		try (S3Client s3 = cluster.s3Client()) {
			return s3.getObjectAsBytes((request) -> request.bucket(BUCKET).key(key)).asUtf8String();
		}
	}

	private static List<String> keys(String prefix) {
		try (S3Client s3 = cluster.s3Client()) {
			return s3.listObjectsV2Paginator((request) -> request.bucket(BUCKET).prefix(prefix))
				.contents()
				.stream()
				.map(S3Object::key)
				.toList();
		}
	}

}
