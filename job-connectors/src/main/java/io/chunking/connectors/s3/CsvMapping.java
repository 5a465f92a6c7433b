package io.chunking.connectors.s3;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the CSV source turns rows into items: on the master, which column of a header goes under which key of
 * {@link S3CsvRow#fields()}; on a worker, the item of those fields.
 *
 * @param <I> item type
 */
interface CsvMapping<I> {

	/**
	 * The key of each column of a header, {@code null} for a column the items do not need.
	 * @param names the header's column names, trimmed and not empty
	 * @throws IllegalArgumentException saying what is wrong with the header (a duplicate column, a missing one)
	 */
	List<@Nullable String> keys(List<String> names);

	/** The item of a row's fields, as {@link #keys} named them. */
	I map(Map<String, String> fields) throws Exception;

}
