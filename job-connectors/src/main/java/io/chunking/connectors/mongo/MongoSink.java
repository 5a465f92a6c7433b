package io.chunking.connectors.mongo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.util.Assert;

import com.mongodb.MongoNamespace;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import tools.jackson.core.type.TypeReference;

/**
 * Writes each output as the document of its key in a MongoDB collection:
 *
 * <pre class="code">
 * MongoSink.upsert(mongoClient, "shop", "scores", (Score score) -> score.profileId())
 * </pre>
 *
 * Each output becomes a document whose {@code _id} is the output's key, written with a {@code replaceOne} upsert, so
 * a chunk attempt that runs again (a retry, a lost lease, a late zombie) replaces the documents it wrote before: the
 * collection holds exactly one document per key, the last one written. The outputs of one {@code write} call go in
 * one unordered bulk write; if two share a key, the later one is written. The document is made from the output with
 * Jackson unless a function is given: a record's components become fields, nested records sub-documents,
 * {@code BigDecimal}s {@code Decimal128}s, and dates ISO-8601 strings (give a function to store BSON dates).
 * <p>
 * Instances are immutable: each setting returns a new sink.
 *
 * @param <O> output type
 */
public final class MongoSink<O> implements ChunkSink<O> {

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private final MongoClient client;

	private final String database;

	private final String collection;

	private final Function<? super O, ?> key;

	private final Function<? super O, Document> document;

	private final @Nullable WriteConcern writeConcern;

	private MongoSink(MongoClient client, String database, String collection, Function<? super O, ?> key,
			Function<? super O, Document> document, @Nullable WriteConcern writeConcern) {
		this.client = client;
		this.database = database;
		this.collection = collection;
		this.key = key;
		this.document = document;
		this.writeConcern = writeConcern;
	}

	/**
	 * Upserts each output as the document whose {@code _id} is its key.
	 * @param client the client of the database, which need not be the framework's own
	 * @param key the output's key, a value the driver encodes ({@code String}, {@code Long}, {@code ObjectId}, ...)
	 */
	public static <O> MongoSink<O> upsert(MongoClient client, String database, String collection,
			Function<? super O, ?> key) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(database, "database must not be empty");
		Assert.hasText(collection, "collection must not be empty");
		Assert.notNull(key, "key must not be null");
		MongoNamespace.checkDatabaseNameValidity(database);
		MongoNamespace.checkCollectionNameValidity(collection);
		return new MongoSink<>(client, database, collection, key, MongoSink::toDocument, null);
	}

	/** Makes each output's document with {@code document}; its {@code _id}, if any, is replaced by the key. */
	public MongoSink<O> document(Function<? super O, Document> document) {
		Assert.notNull(document, "document must not be null");
		return new MongoSink<>(this.client, this.database, this.collection, this.key, document, this.writeConcern);
	}

	/** Writes with {@code writeConcern}; defaults to the collection's, as the client and database configure it. */
	public MongoSink<O> writeConcern(WriteConcern writeConcern) {
		Assert.notNull(writeConcern, "writeConcern must not be null");
		return new MongoSink<>(this.client, this.database, this.collection, this.key, this.document, writeConcern);
	}

	@Override
	public ItemWriter<O> open(ChunkAttempt attempt) {
		MongoCollection<Document> target = this.client.getDatabase(this.database).getCollection(this.collection);
		MongoCollection<Document> documents = (this.writeConcern != null) ? target.withWriteConcern(this.writeConcern)
				: target;
		return (chunk) -> write(documents, chunk);
	}

	private void write(MongoCollection<Document> documents, Chunk<? extends O> chunk) {
		Map<Object, Document> byKey = new LinkedHashMap<>();
		for (O output : chunk) {
			Object id = this.key.apply(output);
			Assert.state(id != null, () -> "The key of output " + output + " for " + this + " is null");
			Document fields = this.document.apply(output);
			Assert.state(fields != null, () -> "The document of output " + output + " for " + this + " is null");
			Document document = new Document("_id", id);
			fields.forEach((name, value) -> {
				if (!"_id".equals(name)) {
					document.put(name, value);
				}
			});
			byKey.remove(id);
			byKey.put(id, document);
		}
		if (byKey.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> upserts = new ArrayList<>(byKey.size());
		ReplaceOptions upsert = new ReplaceOptions().upsert(true);
		byKey.forEach((id, document) -> upserts.add(new ReplaceOneModel<>(Filters.eq("_id", id), document, upsert)));
		documents.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
	}

	private static Document toDocument(Object output) {
		if (output instanceof Document document) {
			return document;
		}
		if (output instanceof Map<?, ?> map) {
			Document document = new Document();
			map.forEach((name, value) -> document.put(String.valueOf(name), value));
			return document;
		}
		return new Document(DocumentMapping.MAPPER.convertValue(output, FIELDS));
	}

	/** The sink as {@code mongodb:<database>.<collection>}. */
	@Override
	public String toString() {
		return "mongodb:" + this.database + "." + this.collection;
	}

}
