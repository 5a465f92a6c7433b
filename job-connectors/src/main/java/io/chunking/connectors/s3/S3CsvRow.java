package io.chunking.connectors.s3;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of a CSV object, as the CSV source stores it in a chunk payload: its fields by column, or the error that
 * made it unreadable (a field count that differs from the header's, an unterminated quote), which the worker reports
 * as a skip at the row's position. Its JSON properties have one-letter names because a payload holds one per item.
 *
 * @param object URI of the object, {@code s3://bucket/key}
 * @param line line number of the row's first line in the object, from 1 (a quoted field may span lines)
 * @param fields the row's values by column: by record component name for a source mapping to a record class (only
 * the mapped columns), by header name for a source with a row mapper; {@code null} if the row has an error
 * @param error why the row cannot be read, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3CsvRow(@JsonProperty("o") String object, @JsonProperty("n") long line,
		@JsonProperty("f") @Nullable Map<String, String> fields, @JsonProperty("e") @Nullable String error) {
}
