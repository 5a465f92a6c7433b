package io.chunking.master.embedded;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An aggregation whose first stage is a {@code $match} that an index of the collection can serve, run over the
 * documents that index finds instead of over every document of the collection. mongo-java-server feeds every
 * aggregation all documents of its collection, so the ledger's counts by status and sums of item counts, which match
 * one job instance, read every chunk of every execution the master ever ran: one {@code GET /api/executions/{id}}
 * took 16 s with 115,000 chunks in the ledger.
 * <p>
 * The documents are those an index of the collection finds (under the collection's lock) for a prefilter: the values
 * the {@code $match} pins fields to ({@link PinnedFields}), which every document it matches holds, so the prefilter
 * finds all of them and maybe more. They are read in the order of the collection's data map, the order of the stock
 * read, one at a time as the pipeline consumes them, and the whole pipeline, {@code $match} first, runs over them as
 * it would over all documents: results, errors included, are the same. Any other aggregation is left alone.
 * <p>
 * The aggregation itself runs as stock, and only the collection it reads is a view: {@code commandAggregate}, which
 * also builds the response (through package-private helpers) and turns errors raised while running the pipeline
 * into those MongoDB reports ({@code Aggregation.computeResult}), is private. So the database marks the
 * {@code aggregate} command it is handling on the thread, and hands the view out when that command resolves its
 * collection.
 * <p>
 * Depends on internals of mongo-java-server 1.47.0: {@code AbstractMongoDatabase.handleCommand} hands an
 * {@code aggregate} command to {@code commandAggregate}, which resolves the collection through
 * {@code resolveCollection(name, false)} before anything else resolves a collection, and
 * {@code Aggregation.computeResult} reads the documents through that collection's {@code queryAllAsStream}, which
 * the stock collection answers with its data map's values in key order; {@code AbstractMongoCollection.handleQuery}
 * takes the selector from a {@code query} or {@code $query} field when there is one. Check these when upgrading.
 */
final class IndexedAggregation {

	/** Fields that {@code AbstractMongoCollection.handleQuery} reads as the parts of a wrapped query. */
	private static final Set<String> QUERY_WRAPPERS = Set.of("query", "orderby");

	/** The prefilter of the aggregate command this thread is running, until its collection is resolved. */
	private static final ThreadLocal<Document> PENDING = new ThreadLocal<>();

	private IndexedAggregation() {
	}

	/**
	 * The prefilter of an {@code aggregate} command whose pipeline starts with a {@code $match} that pins fields, or
	 * {@code null}. Reads the command leniently: a malformed one is left to the stock path, which rejects it.
	 */
	static @Nullable Document prefilter(Document command) {
		if (!(command.get("pipeline") instanceof List<?> stages) || stages.isEmpty()
				|| !(stages.get(0) instanceof Document first) || first.size() != 1
				|| !(first.get("$match") instanceof Document match)) {
			return null;
		}
		Document prefilter = new Document();
		for (Map.Entry<String, List<Object>> pinned : PinnedFields.of(match).entrySet()) {
			List<Object> values = pinned.getValue();
			if (!QUERY_WRAPPERS.contains(pinned.getKey())) {
				prefilter.put(pinned.getKey(), (values.size() == 1) ? values.get(0) : new Document("$in", values));
			}
		}
		return prefilter.isEmpty() ? null : prefilter;
	}

	/** Runs the command with the prefilter pending for the first collection it resolves on this thread. */
	static Document during(Document prefilter, Supplier<Document> command) {
		PENDING.set(prefilter);
		try {
			return command.get();
		}
		finally {
			PENDING.remove();
		}
	}

	/**
	 * The prefilter pending on this thread, if any, which only the first collection resolved gets: that of the
	 * aggregation. Later ones, such as the same collection for a {@code $lookup}, are read in full.
	 */
	static @Nullable Document takePending() {
		Document prefilter = PENDING.get();
		PENDING.remove();
		return prefilter;
	}

	/**
	 * A view of the collection that the aggregation reads the prefiltered documents through, if an index of the
	 * collection serves the prefilter, else the collection.
	 *
	 * @param positionOrder the order of the keys of the collection's data map
	 * @param documents the document at a position of the collection's data map, {@code null} if there is none
	 */
	static MongoCollection<Object> over(MongoCollection<Object> collection, Document prefilter,
			Comparator<Object> positionOrder, Function<Object, @Nullable Document> documents) {
		if (positions(collection, prefilter) == null) {
			return collection;
		}
		return view(collection, () -> read(collection, prefilter, positionOrder, documents));
	}

	/** The positions of the documents the first index serving the prefilter finds, {@code null} if none serves it. */
	private static @Nullable List<Object> positions(MongoCollection<Object> collection, Document prefilter) {
		// The collection's lock guards its list of indexes and their entries, as when it picks one for a query.
		synchronized (collection) {
			for (Index<Object> index : collection.getIndexes()) {
				if (index.canHandle(prefilter)) {
					List<Object> positions = new ArrayList<>();
					index.getPositions(prefilter).forEach(positions::add);
					return positions;
				}
			}
			return null;
		}
	}

	/**
	 * The documents an index finds for the prefilter, in the order of the stock read of all documents, read one at a
	 * time as the pipeline consumes them: like the stock read, which streams the data map, this holds only the
	 * positions, not every document found (100,000 ledger documents took a few hundred MB). A document removed
	 * since its position was found is skipped; one changed since is read as it is now, which the pipeline's
	 * {@code $match} then judges, as it would in the stock read.
	 */
	private static Stream<Document> read(MongoCollection<Object> collection, Document prefilter,
			Comparator<Object> positionOrder, Function<Object, @Nullable Document> documents) {
		List<Object> positions = positions(collection, prefilter);
		if (positions == null) {
			throw new IllegalStateException("No index of " + collection + " serves " + prefilter + " any more");
		}
		positions.sort(positionOrder);
		return positions.stream().map(documents).filter(Objects::nonNull);
	}

	/**
	 * The collection, except that {@code queryAllAsStream}, the aggregation's source, reads the prefiltered
	 * documents. A proxy so that all else, such as the indexes a {@code $facet} or {@code $indexStats} stage reads,
	 * stays the collection's.
	 */
	@SuppressWarnings("unchecked")
	private static MongoCollection<Object> view(MongoCollection<Object> collection, Supplier<Stream<Document>> source) {
		return (MongoCollection<Object>) Proxy.newProxyInstance(IndexedAggregation.class.getClassLoader(),
				new Class<?>[] { MongoCollection.class }, (proxy, method, args) -> {
					if (method.getName().equals("queryAllAsStream") && method.getParameterCount() == 0) {
						return source.get();
					}
					return invoke(method, collection, args);
				});
	}

	private static @Nullable Object invoke(Method method, Object target, Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
