package io.chunking.worker.chunk;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;

import io.chunking.store.ChunkError;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.SkippedItem;

/**
 * Where each item of one chunk attempt came from, so that what goes wrong with an item is reported with its
 * position: the records its source could not read and the items its skip policy skipped become
 * {@link SkippedItem}s, and the item that failed the attempt is named in the attempt's error. An item's position is
 * its record's (e.g. {@code s3://bucket/key:42}), or its place in the chunk ({@code item 7 of chunk 3}) when its
 * source has none; an output has the position of the item it came from.
 * <p>
 * It listens to the attempt's step as a process, write and skip listener. Items are told apart by identity, which
 * is what a chunk-oriented step hands the listeners. It keeps each item's record and place, and works out a position
 * only for an item that is reported: nothing is built per item on the way through.
 * <p>
 * Thread-safe: when a job processes several items of an attempt at once, the step calls the process and skip
 * listeners on the item threads. Several items may then fail at once; the one named as having failed the attempt is
 * the one whose error the step reports ({@link #failedAt(Throwable)}).
 *
 * @param <I> item type
 * @param <O> output type
 */
final class ItemPositions<I, O> implements ItemProcessListener<I, O>, ItemWriteListener<O>, SkipListener<I, O> {

	private final int chunkIndex;

	private final Function<Object, @Nullable String> sourcePosition;

	private final Map<Object, Origin> origins = new IdentityHashMap<>();

	private final List<SkippedItem> skips = new ArrayList<>();

	/** The position of each item that failed, by its error and the error's causes. */
	private final Map<Throwable, String> failures = new IdentityHashMap<>();

	private long unreadable;

	/** The position of the item whose processing or writing failed last. */
	private @Nullable String failedAt;

	/**
	 * @param sourcePosition the position the job's source gives a record, {@code null} if it has none
	 */
	ItemPositions(int chunkIndex, Function<Object, @Nullable String> sourcePosition) {
		this.chunkIndex = chunkIndex;
		this.sourcePosition = sourcePosition;
	}

	/** The item read from the record at {@code offset} (0-based) of the chunk. */
	synchronized void read(Object item, Object record, int offset) {
		this.origins.put(item, new Origin(record, offset));
	}

	/** The record at {@code offset} could not be read by its source: it counts as read and skipped. */
	synchronized void unreadable(Object record, int offset, Throwable error) {
		this.unreadable++;
		skip(position(new Origin(record, offset)), error);
	}

	/** Records read but not read into items; they count as read and as skipped. */
	synchronized long unreadable() {
		return this.unreadable;
	}

	/** The skipped items, the first {@link ChunkOutcome#MAX_SKIPS} of them. */
	synchronized List<SkippedItem> skips() {
		return List.copyOf(this.skips);
	}

	/**
	 * The position of the item whose error is {@code failure} or one of its causes (the step wraps the error of the
	 * item that failed it), else of the item that failed last; {@code null} if none did.
	 */
	synchronized @Nullable String failedAt(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String position = this.failures.get(cause);
			if (position != null) {
				return position;
			}
		}
		return this.failedAt;
	}

	/** Records the position of an item that failed, under its error and the error's causes. */
	private void failed(String position, Throwable error) {
		this.failedAt = position;
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			this.failures.putIfAbsent(cause, position);
		}
	}

	private String positionOf(@Nullable Object item) {
		Origin origin = (item != null) ? this.origins.get(item) : null;
		return (origin != null) ? position(origin) : "an item of chunk " + this.chunkIndex;
	}

	/** The record's position as its source names it, or its place in the chunk. */
	private String position(Origin origin) {
		String position = this.sourcePosition.apply(origin.record());
		return (position != null) ? position : "item " + (origin.offset() + 1) + " of chunk " + this.chunkIndex;
	}

	private void skip(String position, Throwable error) {
		if (this.skips.size() < ChunkOutcome.MAX_SKIPS) {
			Throwable cause = ChunkError.reported(error);
			this.skips.add(new SkippedItem(position, cause.getClass().getName(), cause.getMessage()));
		}
	}

	@Override
	public synchronized void afterProcess(I item, @Nullable O result) {
		Origin origin = this.origins.get(item);
		if (result != null && result != item && origin != null) {
			this.origins.put(result, origin);
		}
	}

	@Override
	public synchronized void onProcessError(I item, Exception ex) {
		failed(positionOf(item), ex);
	}

	@Override
	public synchronized void onWriteError(Exception exception, Chunk<? extends O> items) {
		failed((items.size() == 1) ? positionOf(items.getItems().get(0))
				: "one of " + items.size() + " outputs from " + positionOf(items.getItems().get(0)), exception);
	}

	@Override
	public synchronized void onSkipInProcess(I item, Throwable t) {
		skip(positionOf(item), t);
	}

	@Override
	public synchronized void onSkipInWrite(O item, Throwable t) {
		skip(positionOf(item), t);
	}

	@Override
	public synchronized void onSkipInRead(Throwable t) {
		skip("a record of chunk " + this.chunkIndex, t);
	}

	/** Where an item came from: its record and the record's place (0-based) in the chunk. */
	private record Origin(Object record, int offset) {
	}

}
