package io.chunking.connectors.mongo;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;
import tools.jackson.core.JacksonException;

/**
 * The documents of a MongoDB collection that match a filter, in {@code _id} order, as a job's items:
 *
 * <pre class="code">
 * MongoSource.collection(mongoClient, "shop", "profiles")
 *     .filter(Filters.eq("active", true))
 *     .projection(Projections.include("name", "score"))
 *     .as(Profile.class)
 * </pre>
 *
 * The master reads the collection a page at a time, each page a query for the documents after the last {@code _id}
 * read ({@code _id > last}, sorted on {@code _id}, limited to the page size), so no cursor stays open while chunks are
 * written and memory holds one page. It stores each document as Extended JSON ({@link MongoRecord}); a worker parses
 * it back into a {@link Document} and maps it to the item. A document that does not map is skipped and recorded with
 * its position, {@code mongodb:<database>.<collection>/_id=<id>}.
 * <p>
 * The {@code _id}s that match the filter must be of one BSON type (numbers count as one type, strings as one), which
 * is checked at the end; the projection must keep {@code _id}. A source that cannot be read (refused credentials,
 * an unreachable server within the client's timeouts, a filter the server rejects) fails the slice with a
 * {@link io.chunking.connectors.SourceException} naming {@code mongodb:<database>.<collection>} and the problem.
 * <p>
 * Instances are immutable: each setting returns a new source.
 *
 * @param <I> item type
 */
public final class MongoSource<I> implements RecordSource<MongoRecord, I> {

	/** Default number of documents per query. */
	public static final int DEFAULT_PAGE_SIZE = 500;

	private final MongoClient client;

	private final String database;

	private final String collection;

	private final Function<JobArguments, ? extends @Nullable Bson> filter;

	private final Function<JobArguments, ? extends @Nullable Bson> projection;

	private final int pageSize;

	private final JsonMode jsonMode;

	private final Function<Document, ? extends I> reader;

	private MongoSource(MongoClient client, String database, String collection,
			Function<JobArguments, ? extends @Nullable Bson> filter,
			Function<JobArguments, ? extends @Nullable Bson> projection, int pageSize, JsonMode jsonMode,
			Function<Document, ? extends I> reader) {
		this.client = client;
		this.database = database;
		this.collection = collection;
		this.filter = filter;
		this.projection = projection;
		this.pageSize = pageSize;
		this.jsonMode = jsonMode;
		this.reader = reader;
	}

	/**
	 * Every document of a collection, whole, as a {@link Document}, {@value #DEFAULT_PAGE_SIZE} per query.
	 * @param client the client of the database, which need not be the framework's own
	 */
	public static MongoSource<Document> collection(MongoClient client, String database, String collection) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(database, "database must not be empty");
		Assert.hasText(collection, "collection must not be empty");
		MongoNamespace.checkDatabaseNameValidity(database);
		MongoNamespace.checkCollectionNameValidity(collection);
		return new MongoSource<>(client, database, collection, (arguments) -> null, (arguments) -> null,
				DEFAULT_PAGE_SIZE, JsonMode.RELAXED, Function.identity());
	}

	/** Reads the documents that match {@code filter} only, e.g. {@code Filters.eq("active", true)}. */
	public MongoSource<I> filter(Bson filter) {
		Assert.notNull(filter, "filter must not be null");
		return filter((arguments) -> filter);
	}

	/** Reads the documents that match the filter of each run, made from its arguments. */
	public MongoSource<I> filter(Function<JobArguments, ? extends Bson> filter) {
		Assert.notNull(filter, "filter must not be null");
		return new MongoSource<>(this.client, this.database, this.collection, filter, this.projection,
				this.pageSize, this.jsonMode, this.reader);
	}

	/** Reads the fields of {@code projection} only, e.g. {@code Projections.include("name")}; it must keep _id. */
	public MongoSource<I> projection(Bson projection) {
		Assert.notNull(projection, "projection must not be null");
		return projection((arguments) -> projection);
	}

	/** Reads the fields of the projection of each run, made from its arguments; it must keep {@code _id}. */
	public MongoSource<I> projection(Function<JobArguments, ? extends Bson> projection) {
		Assert.notNull(projection, "projection must not be null");
		return new MongoSource<>(this.client, this.database, this.collection, this.filter, projection,
				this.pageSize, this.jsonMode, this.reader);
	}

	/** Documents per query, between 1 and 100000; defaults to {@value #DEFAULT_PAGE_SIZE}. */
	public MongoSource<I> pageSize(int pageSize) {
		Assert.isTrue(pageSize >= 1 && pageSize <= 100_000,
				() -> "pageSize must be between 1 and 100000, was " + pageSize);
		return new MongoSource<>(this.client, this.database, this.collection, this.filter, this.projection,
				pageSize, this.jsonMode, this.reader);
	}

	/**
	 * Stores documents in canonical rather than relaxed Extended JSON: every BSON type then reads back as it was
	 * (relaxed JSON reads a 64-bit integer that fits in 32 bits back as an {@code Integer}), for payloads about
	 * twice as large. Only matters to items that are {@link Document}s.
	 */
	public MongoSource<I> canonicalJson() {
		return new MongoSource<>(this.client, this.database, this.collection, this.filter, this.projection,
				this.pageSize, JsonMode.EXTENDED, this.reader);
	}

	/**
	 * Maps each document to {@code type} with Jackson, on the workers: object ids become their hex strings, dates
	 * ISO-8601 instants, decimals {@code BigDecimal}s; fields the type lacks are ignored (name a component
	 * {@code @JsonProperty("_id")} to get the id). A document that does not map is skipped with its position.
	 */
	public <T> MongoSource<T> as(Class<T> type) {
		Assert.notNull(type, "type must not be null");
		return map((document) -> {
			try {
				return DocumentMapping.MAPPER.convertValue(DocumentMapping.plain(document), type);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Document _id=" + document.get("_id") + " of " + this
						+ " is not a " + type.getName() + ": " + ex.getOriginalMessage(), ex);
			}
		});
	}

	/** Maps each document to an item with {@code mapper}, on the workers; an exception skips the document. */
	public <T> MongoSource<T> map(Function<Document, ? extends T> mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		return new MongoSource<>(this.client, this.database, this.collection, this.filter, this.projection,
				this.pageSize, this.jsonMode, mapper);
	}

	@Override
	public Class<MongoRecord> recordType() {
		return MongoRecord.class;
	}

	/** The matching documents, a page at a time; the first page is read before this returns. */
	@Override
	public Stream<MongoRecord> records(JobArguments arguments) {
		MongoPages pages = new MongoPages(
				this.client.getDatabase(this.database).getCollection(this.collection, RawBsonDocument.class),
				toString(), this.filter.apply(arguments), this.projection.apply(arguments), this.pageSize,
				this.jsonMode);
		return StreamSupport.stream(
				Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
	}

	@Override
	public I read(MongoRecord record) {
		return this.reader.apply(Document.parse(record.document()));
	}

	@Override
	public String position(MongoRecord record) {
		return this + "/_id=" + record.id();
	}

	/** The source as positions name it: {@code mongodb:<database>.<collection>}. */
	@Override
	public String toString() {
		return "mongodb:" + this.database + "." + this.collection;
	}

}
