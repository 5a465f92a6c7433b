package io.chunking.connectors.batch;

/**
 * An item of an {@link ItemReaderSource} as stored in a chunk payload.
 *
 * @param number the item's number in the reader's order, from 1, for its position
 * @param item the item as JSON text, kept as text so that it reads back into the item's type exactly (a decimal
 * keeps its digits)
 */
public record ReaderItem(long number, String item) {
}
