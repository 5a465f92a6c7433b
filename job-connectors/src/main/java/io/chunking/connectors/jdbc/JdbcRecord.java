package io.chunking.connectors.jdbc;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A row of a {@link JdbcSource} as stored in a chunk payload.
 *
 * @param key the row's key, as text, for its position
 * @param row the row's values by column label, in column order, as JSON values: numbers, strings, booleans,
 * {@code null}; decimals as strings so that they keep their digits, dates and times as ISO-8601 strings, binaries as
 * base64 strings, arrays as lists
 */
public record JdbcRecord(String key, Map<String, @Nullable Object> row) {
}
