package io.chunking.master.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.bson.Document;

/**
 * How a query sorted on {@code _id} alone, with a limit, can read a collection of mongo-java-server's H2 backend in
 * {@code _id} order, from where its {@code _id} range starts, and stop once the limit is reached, instead of reading,
 * sorting and cutting every document it matches, which is what the stock backend does for each such query. A reader
 * paging on {@code _id} ({@code _id > last}, sorted, limited, the way {@code MongoSource} reads a collection) then
 * costs a page per page rather than the whole collection per page.
 * <p>
 * The H2 backend keeps a collection's documents in an MVStore map keyed by their {@code _id}, and MVStore orders such
 * keys by their Java class first, then by value within a class. That is MongoDB's {@code _id} order, as
 * mongo-java-server compares values, only when every key is of one class whose natural order is the server's:
 * {@link Integer}, {@link Long} (numbers by value) or {@link String} ({@link String#compareTo}, which the server
 * uses). Because the class comes first, the first and the last key being of one such class means every key is
 * ({@link #plan}). A collection with other {@code _id}s (ObjectIds, documents, mixed types) is left to the stock
 * read.
 * <p>
 * The walk only decides where to start and in which direction; the collection still applies the whole query to each
 * document read, so a bound read from the query ({@code $gt}, {@code $gte} going up, {@code $lt}, {@code $lte} going
 * down) need not be exact, and one that cannot be used as a key (of another class, or several bounds) is ignored:
 * the walk then starts at the first key, which is correct and only slower.
 */
record IdWalk(@Nullable Object from, boolean descending) {

	static final String ID = "_id";

	private static final Set<Class<?>> ORDERED_KEYS = Set.of(Integer.class, Long.class, String.class);

	private static final String AND = "$and";

	/**
	 * The walk that answers the query, or {@code null} if the stock read must: the sort is not {@code _id} alone,
	 * there is no limit, or the keys are not all of one ordered class.
	 * @param firstKey the smallest key of the collection's data map, {@code null} if it is empty
	 * @param lastKey the largest key of the collection's data map
	 */
	static @Nullable IdWalk plan(Document query, @Nullable Document orderBy, int limit, @Nullable Object firstKey,
			@Nullable Object lastKey) {
		if (limit <= 0 || orderBy == null || orderBy.size() != 1
				|| !(orderBy.get(ID) instanceof Number direction)) {
			return null;
		}
		if (firstKey == null || lastKey == null || firstKey.getClass() != lastKey.getClass()
				|| !ORDERED_KEYS.contains(firstKey.getClass())) {
			return null;
		}
		boolean descending = direction.doubleValue() < 0;
		if (!descending && direction.doubleValue() != 1) {
			return null;
		}
		List<Object> bounds = new ArrayList<>();
		collectBounds(query, descending, bounds);
		Object from = (bounds.size() == 1) ? asKey(bounds.get(0), firstKey.getClass()) : null;
		return new IdWalk(from, descending);
	}

	/** The {@code _id} bounds in the walk's direction of the query's top-level conjunction, {@code $and} included. */
	private static void collectBounds(Document query, boolean descending, List<Object> bounds) {
		for (Map.Entry<String, Object> entry : query.entrySet()) {
			if (entry.getKey().equals(AND) && entry.getValue() instanceof Collection<?> conjuncts) {
				for (Object conjunct : conjuncts) {
					if (conjunct instanceof Document part) {
						collectBounds(part, descending, bounds);
					}
				}
			}
			else if (entry.getKey().equals(ID) && entry.getValue() instanceof Document condition) {
				for (String operator : descending ? List.of("$lt", "$lte") : List.of("$gt", "$gte")) {
					if (condition.containsKey(operator)) {
						bounds.add(condition.get(operator));
					}
				}
			}
		}
	}

	/** The bound as a key of the map's class, if it is one or an integer that fits it exactly. */
	private static @Nullable Object asKey(@Nullable Object bound, Class<?> keyClass) {
		if (bound == null) {
			return null;
		}
		if (bound.getClass() == keyClass) {
			return bound;
		}
		if (keyClass == Long.class && bound instanceof Integer value) {
			return value.longValue();
		}
		if (keyClass == Integer.class && bound instanceof Long value && value == value.intValue()) {
			return value.intValue();
		}
		return null;
	}

}
