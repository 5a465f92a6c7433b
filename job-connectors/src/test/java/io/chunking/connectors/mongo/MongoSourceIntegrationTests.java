package io.chunking.connectors.mongo;

import static io.chunking.connectors.testing.RecordRoundTrip.noArguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import io.chunking.connectors.SourceException;
import io.chunking.connectors.testing.RecordRoundTrip;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;

/**
 * {@link MongoSource} against a Mongo-wire server over a socket, with records stored as the framework stores them.
 */
class MongoSourceIntegrationTests extends MongoWireTestSupport {

	record Profile(@JsonProperty("_id") String id, String name, int score) {
	}

	record Account(String name, Instant joined, BigDecimal balance, List<String> tags) {
	}

	@Test
	void readsTheMatchingDocumentsInIdOrderPageByPageWithTheProjectedFields() throws Exception {
		List<ObjectId> ids = IntStream.range(0, 15).mapToObj((i) -> new ObjectId()).toList();
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			documents.add(new Document("_id", ids.get(i)).append("name", "p" + i).append("score", i)
				.append("active", i % 3 != 0).append("secret", "s" + i));
		}
		Collections.shuffle(documents, new Random(7));
		this.testCollection.insertMany(documents);

		MongoSource<Profile> source = source().filter(Filters.eq("active", true))
			.projection(Projections.include("name", "score"))
			.pageSize(3)
			.as(Profile.class);
		List<MongoRecord> records = RecordRoundTrip.records(source, noArguments());

		List<ObjectId> active = IntStream.range(0, 15).filter((i) -> i % 3 != 0).mapToObj(ids::get).toList();
		assertThat(records).extracting(MongoRecord::id)
			.containsExactlyElementsOf(active.stream()
				.map((id) -> "{\"$oid\": \"" + id.toHexString() + "\"}").toList());
		assertThat(records).allSatisfy((record) -> assertThat(record.document()).doesNotContain("secret", "active"));
		assertThat(source.read(records.get(0))).isEqualTo(new Profile(ids.get(1).toHexString(), "p1", 1));
		assertThat(source.position(records.get(0)))
			.isEqualTo("mongodb:shop." + this.collection + "/_id={\"$oid\": \"" + ids.get(1).toHexString() + "\"}");
	}

	@Test
	void readsIntegerIdsInNumericOrder() throws Exception {
		List<Integer> ids = List.of(12, 3, 100, 7, 1, 25, 9);
		ids.forEach((id) -> this.testCollection.insertOne(new Document("_id", id).append("name", "p" + id)));

		List<Document> documents = RecordRoundTrip.items(source().pageSize(2), noArguments());

		assertThat(documents).extracting((document) -> document.get("_id")).containsExactly(1, 3, 7, 9, 12, 25, 100);
		assertThat(RecordRoundTrip.records(source().pageSize(2), noArguments()))
			.extracting(MongoRecord::id)
			.containsExactly("1", "3", "7", "9", "12", "25", "100");
	}

	@Test
	void documentsKeepTheirBsonTypesThroughThePayload() throws Exception {
		ObjectId id = new ObjectId();
		Date joined = Date.from(Instant.parse("2026-03-01T10:15:30.123Z"));
		this.testCollection.insertOne(new Document("_id", id).append("name", "ada")
			.append("joined", joined)
			.append("balance", new Decimal128(new BigDecimal("12.10")))
			.append("visits", 3_000_000_000L)
			.append("tags", List.of("a", "b"))
			.append("address", new Document("city", "Paris")));

		Document document = RecordRoundTrip.items(source(), noArguments()).get(0);

		assertThat(document.get("_id")).isEqualTo(id);
		assertThat(document.get("joined")).isEqualTo(joined);
		assertThat(document.get("balance")).isEqualTo(new Decimal128(new BigDecimal("12.10")));
		assertThat(document.get("visits")).isEqualTo(3_000_000_000L);
		assertThat(document.getList("tags", String.class)).containsExactly("a", "b");
		assertThat(document.get("address", Document.class).getString("city")).isEqualTo("Paris");
	}

	@Test
	void canonicalJsonKeepsSmallLongsAsLongs() throws Exception {
		this.testCollection.insertOne(new Document("_id", 1).append("visits", 5L));

		assertThat(RecordRoundTrip.items(source(), noArguments()).get(0).get("visits")).isEqualTo(5);
		assertThat(RecordRoundTrip.items(source().canonicalJson(), noArguments()).get(0).get("visits")).isEqualTo(5L);
	}

	@Test
	void mapsDocumentsToARecordClassWithDatesAndDecimals() throws Exception {
		this.testCollection.insertOne(new Document("_id", new ObjectId()).append("name", "ada")
			.append("joined", Date.from(Instant.parse("2026-03-01T10:15:30Z")))
			.append("balance", new Decimal128(new BigDecimal("12.10")))
			.append("tags", List.of("a", "b"))
			.append("unused", "ignored"));

		List<Account> accounts = RecordRoundTrip.items(source().as(Account.class), noArguments());

		assertThat(accounts).containsExactly(new Account("ada", Instant.parse("2026-03-01T10:15:30Z"),
				new BigDecimal("12.10"), List.of("a", "b")));
	}

	@Test
	void mapsDocumentsWithAFunction() throws Exception {
		this.testCollection.insertMany(List.of(new Document("_id", 2).append("name", "b"),
				new Document("_id", 1).append("name", "a")));

		assertThat(RecordRoundTrip.items(source().map((document) -> document.getString("name")), noArguments()))
			.containsExactly("a", "b");
	}

	@Test
	void aDocumentThatDoesNotMapIsRejectedWhenReadNamingItsId() throws Exception {
		this.testCollection.insertMany(List.of(new Document("_id", 1).append("name", "a").append("score", 3),
				new Document("_id", 2).append("name", "b").append("score", "high")));
		MongoSource<Profile> source = source().as(Profile.class);
		List<MongoRecord> records = RecordRoundTrip.records(source, noArguments());

		assertThat(source.read(records.get(0))).isEqualTo(new Profile("1", "a", 3));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> source.read(records.get(1)))
			.withMessageStartingWith("Document _id=2 of mongodb:shop." + this.collection + " is not a "
					+ Profile.class.getName() + ": ")
			.withMessageContaining("high");
		assertThat(source.position(records.get(1))).isEqualTo("mongodb:shop." + this.collection + "/_id=2");
	}

	@Test
	void filterAndProjectionMayDependOnTheArguments() throws Exception {
		IntStream.rangeClosed(1, 6)
			.forEach((i) -> this.testCollection
				.insertOne(new Document("_id", i).append("score", i * 10).append("x", i)));
		JobArguments arguments = JobArguments.validate(
				List.of(JobParameterSpec.longParam("minScore", 0, "Lowest score read")), Map.of("minScore", "40"));

		List<Document> documents = RecordRoundTrip.items(source()
			.filter((args) -> Filters.gte("score", args.getLong("minScore")))
			.projection((args) -> Projections.include("score")), arguments);

		assertThat(documents).containsExactly(new Document("_id", 4).append("score", 40),
				new Document("_id", 5).append("score", 50), new Document("_id", 6).append("score", 60));
	}

	@Test
	void anEmptyCollectionHasNoRecords() throws Exception {
		assertThat(RecordRoundTrip.records(source(), noArguments())).isEmpty();
	}

	@Test
	void aFilterTheServerRejectsFailsAtTheFirstPageNamingTheSourceAndTheServersMessage() {
		this.testCollection.insertOne(new Document("_id", 1));
		MongoSource<Document> source = source().filter(new Document("$bogus", 1));

		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> source.records(noArguments()))
			.withMessageStartingWith("Reading mongodb:shop." + this.collection + " failed at the first page: ")
			.withMessageContaining("$bogus");
	}

	@Test
	void anUnreachableServerFailsWithinTheClientsTimeout() throws Exception {
		String closed;
		try (MongoWireServer stopped = new MongoWireServer()) {
			closed = stopped.uri();
		}
		try (MongoClient unreachable = MongoWireServer.client(closed)) {
			MongoSource<Document> source = MongoSource.collection(unreachable, "shop", "profiles");

			assertThatExceptionOfType(SourceException.class).isThrownBy(() -> source.records(noArguments()))
				.withMessageStartingWith("Reading mongodb:shop.profiles failed at the first page: Timed out");
		}
	}

	/**
	 * The wire server has no authentication: it refuses the SASL handshake, which the driver reports as a failure to
	 * authenticate, as it reports a real server's "Authentication failed".
	 */
	@Test
	void refusedCredentialsFailNamingTheSourceAndTheCause() {
		try (MongoClient refused = MongoWireServer.client(server.uri().replace("//", "//intruder:wrong@"))) {
			MongoSource<Document> source = MongoSource.collection(refused, "shop", "profiles");

			assertThatExceptionOfType(SourceException.class).isThrownBy(() -> source.records(noArguments()))
				.withMessageStartingWith("Reading mongodb:shop.profiles failed at the first page: ")
				.withMessageContaining(
						"Exception authenticating MongoCredential{mechanism=SCRAM-SHA-1, userName='intruder'")
				.withMessageContaining("; caused by: ")
				.withMessageNotContaining("wrong");
		}
	}

	@Test
	void idsOfSeveralTypesFailTheSliceInsteadOfBeingLeftOut() {
		this.testCollection.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3),
				new Document("_id", "a"), new Document("_id", "b")));
		MongoSource<Document> source = source().pageSize(2);

		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> {
			try (Stream<MongoRecord> records = source.records(noArguments())) {
				records.forEach((record) -> {
				});
			}
		}).withMessageContaining("of more than one BSON type").withMessageContaining("Filters.type(\"_id\"");
	}

	@Test
	void aProjectionWithoutIdFails() {
		this.testCollection.insertOne(new Document("_id", 1).append("name", "a"));

		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> source().projection(Projections.excludeId()).records(noArguments()))
			.withMessage("Reading mongodb:shop." + this.collection + " failed: a document has no _id; the source "
					+ "pages on _id, so the projection must keep it");
	}

	private MongoSource<Document> source() {
		return MongoSource.collection(client, "shop", this.collection);
	}

}
