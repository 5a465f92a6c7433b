package io.chunking.store.mongo;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

/**
 * What is read of a job instance's chunks, window after window of consecutive chunk indexes, as it is consumed: the
 * windows cover the indexes below the instance's chunk count, which the slicer's gapless numbering makes all of
 * them; chunks numbered beyond, if any, are read last, at once.
 *
 * @param <T> what is read of a chunk
 */
abstract class ChunkIndexWindows<T> implements Iterator<T> {

	protected final MongoCollection<Document> chunks;

	/** What the reads are for, in the store's errors. */
	protected final String what;

	protected final long jobInstanceId;

	/** The instance's chunk count. */
	protected final long total;

	private final int window;

	private long next;

	private boolean beyondRead;

	private Iterator<T> current = Collections.emptyIterator();

	/**
	 * @param total the instance's chunk count
	 * @param window the most chunk indexes one window holds
	 */
	ChunkIndexWindows(MongoCollection<Document> chunks, String what, long jobInstanceId, long total, int window) {
		this.chunks = chunks;
		this.what = what;
		this.jobInstanceId = jobInstanceId;
		this.total = total;
		this.window = window;
	}

	/** What is read of the chunks numbered from {@code from} (inclusive) to {@code to} (exclusive), in order. */
	protected abstract Iterator<T> window(long from, long to);

	/** What is read of the chunks numbered from {@code from} on, in order. */
	protected abstract Iterator<T> beyond(long from);

	/** Whether chunks numbered beyond the chunk count may exist, once every window is read. */
	protected boolean anyBeyond() {
		return true;
	}

	@Override
	public boolean hasNext() {
		while (!this.current.hasNext()) {
			if (this.next < this.total) {
				long to = Math.min(this.total, this.next + this.window);
				this.current = window(this.next, to);
				this.next = to;
			}
			else if (!this.beyondRead && anyBeyond()) {
				this.beyondRead = true;
				this.current = beyond(this.total);
			}
			else {
				return false;
			}
		}
		return true;
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return this.current.next();
	}

}
