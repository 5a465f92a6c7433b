package io.chunking.connectors.mongo;

import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.bson.BSONException;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import io.chunking.connectors.SourceException;
import io.chunking.connectors.support.ExceptionMessages;
import io.chunking.connectors.support.PagedIterator;

/**
 * The documents of one run in {@code _id} order, a page at a time: each page is a query for the documents after the
 * last {@code _id} read, sorted on {@code _id} and limited to the page size, so no cursor stays open between pages
 * and no more than a page is held in memory. The first page is read when the pages are created, so that a source
 * that cannot be read fails before any chunk is written.
 * <p>
 * A range query on {@code _id} only matches values of the type of its bound (numbers with numbers, strings with
 * strings), so paging would silently stop at the end of the first type if {@code _id}s of several types matched the
 * filter; the last page therefore checks that the greatest matching {@code _id} is of the type read last, and fails
 * otherwise.
 */
final class MongoPages extends PagedIterator<RawBsonDocument, MongoRecord> {

	private static final JsonWriterSettings ID_JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

	private final MongoCollection<RawBsonDocument> collection;

	private final String source;

	private final @Nullable Bson filter;

	private final @Nullable Bson projection;

	private final JsonWriterSettings json;

	private @Nullable BsonValue last;

	MongoPages(MongoCollection<RawBsonDocument> collection, String source, @Nullable Bson filter,
			@Nullable Bson projection, int pageSize, JsonMode mode) {
		super(pageSize, source + " has no more documents");
		this.collection = collection;
		this.source = source;
		this.filter = filter;
		this.projection = projection;
		this.json = JsonWriterSettings.builder().outputMode(mode).build();
		readFirstPage();
	}

	@Override
	protected MongoRecord item(RawBsonDocument document) {
		return new MongoRecord(idJson(document.get("_id")), document.toJson(this.json));
	}

	@Override
	protected List<RawBsonDocument> readPage() {
		BsonValue after = this.last;
		Bson query = (after == null) ? this.filter : and(this.filter, Filters.gt("_id", after));
		String what = (after == null) ? "the first page" : "the page after _id=" + idJson(after);
		List<RawBsonDocument> documents = call(what,
				() -> find(query).sort(ascending("_id")).limit(pageSize()).batchSize(pageSize())
					.into(new ArrayList<>(pageSize())));
		for (RawBsonDocument document : documents) {
			if (!document.containsKey("_id")) {
				throw new SourceException("Reading " + this.source + " failed: a document has no _id; the source "
						+ "pages on _id, so the projection must keep it");
			}
		}
		if (!documents.isEmpty()) {
			this.last = documents.get(documents.size() - 1).get("_id");
		}
		return documents;
	}

	@Override
	protected void lastPageRead() {
		if (this.last != null) {
			checkNoIdOfAnotherType(this.last);
		}
	}

	private void checkNoIdOfAnotherType(BsonValue last) {
		RawBsonDocument greatest = call("the greatest _id",
				() -> this.collection.find((this.filter != null) ? this.filter : new BsonDocument())
					.projection(Projections.include("_id"))
					.sort(descending("_id"))
					.limit(1)
					.first());
		if (greatest != null && !sameBracket(greatest.get("_id"), last)) {
			BsonValue other = greatest.get("_id");
			throw new SourceException("Reading " + this.source + " failed: its _ids are of more than one BSON type ("
					+ last.getBsonType() + " up to _id=" + idJson(last) + ", then " + other.getBsonType()
					+ " up to _id=" + idJson(other) + ") but paging on _id reads one type at most; filter on one "
					+ "type, e.g. Filters.type(\"_id\", BsonType." + other.getBsonType() + "), and read the others "
					+ "in another source");
		}
	}

	private FindIterable<RawBsonDocument> find(@Nullable Bson query) {
		FindIterable<RawBsonDocument> find = (query != null) ? this.collection.find(query) : this.collection.find();
		return (this.projection != null) ? find.projection(this.projection) : find;
	}

	private <T> T call(String what, Supplier<T> query) {
		try {
			return query.get();
		}
		catch (MongoException | BSONException | CodecConfigurationException ex) {
			throw new SourceException("Reading " + this.source + " failed at " + what + ": "
					+ ExceptionMessages.withCauses(ex), ex);
		}
	}

	private static Bson and(@Nullable Bson filter, Bson condition) {
		return (filter != null) ? Filters.and(filter, condition) : condition;
	}

	/** Whether a range query bounded by one value matches the other's type: numbers and strings form one each. */
	private static boolean sameBracket(BsonValue one, BsonValue other) {
		return bracket(one.getBsonType()) == bracket(other.getBsonType());
	}

	private static BsonType bracket(BsonType type) {
		return switch (type) {
			case INT32, INT64, DOUBLE, DECIMAL128 -> BsonType.DOUBLE;
			case SYMBOL -> BsonType.STRING;
			default -> type;
		};
	}

	/** A value as relaxed Extended JSON, e.g. <code>{"$oid": "65a1…"}</code> or {@code 42}. */
	static String idJson(BsonValue value) {
		String document = new BsonDocument("v", value).toJson(ID_JSON);
		return document.substring(document.indexOf(':') + 1, document.length() - 1).trim();
	}

}
