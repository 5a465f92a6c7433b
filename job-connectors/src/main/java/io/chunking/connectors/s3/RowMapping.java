package io.chunking.connectors.s3;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Rows given to a user's function as maps from header names (trimmed, in header order) to values.
 */
final class RowMapping<I> implements CsvMapping<I> {

	private final Function<Map<String, String>, ? extends I> mapper;

	RowMapping(Function<Map<String, String>, ? extends I> mapper) {
		this.mapper = mapper;
	}

	@Override
	public List<@Nullable String> keys(List<String> names) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			Integer before = seen.putIfAbsent(names.get(i), i + 1);
			if (before != null) {
				throw new IllegalArgumentException("column '" + names.get(i) + "' appears twice (columns " + before
						+ " and " + (i + 1) + ")");
			}
		}
		return List.copyOf(names);
	}

	@Override
	public I map(Map<String, String> fields) {
		return this.mapper.apply(fields);
	}

}
