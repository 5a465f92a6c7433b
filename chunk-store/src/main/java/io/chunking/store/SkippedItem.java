package io.chunking.store;

import org.jspecify.annotations.Nullable;

/**
 * An item a chunk's counted attempt skipped: a record its source could not read, or an item the job's skip policy
 * skipped in processing or writing.
 *
 * @param position where the item came from, e.g. {@code s3://bucket/key:42}, or its place in the chunk
 * ({@code item 7 of chunk 3}) when its source has no position of its own
 * @param type fully qualified class name of the exception that made it skip
 * @param message the exception's message, truncated to {@link #MAX_MESSAGE_LENGTH} characters
 */
public record SkippedItem(String position, String type, @Nullable String message) {

	/** Longest message kept, so that skips cannot bloat a chunk's ledger entry. */
	public static final int MAX_MESSAGE_LENGTH = 500;

	public SkippedItem {
		if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
			message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
		}
	}

}
