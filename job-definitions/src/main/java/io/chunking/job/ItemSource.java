package io.chunking.job;

import java.util.stream.Stream;

/**
 * Yields the items of one run, lazily. The master slices the stream into chunks as it goes and closes it at the end,
 * so a source of millions of items never needs them all in memory: return a stream backed by a cursor, a file
 * reader or a generator, not a list.
 *
 * @param <I> item type; must be serializable to JSON with Jackson
 */
@FunctionalInterface
public interface ItemSource<I> {

	Stream<I> items(JobArguments arguments) throws Exception;

}
