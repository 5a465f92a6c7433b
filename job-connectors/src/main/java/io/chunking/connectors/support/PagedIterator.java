package io.chunking.connectors.support;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The items of a query read a page at a time, each page a query of its own for what follows the last element read,
 * so that nothing stays open between pages and no more than a page is held in memory. A page shorter than the page
 * size is the last: no query follows it. A subclass reads the first page at the end of its constructor, with
 * {@link #readFirstPage()}, so that a query that cannot run fails before any item is used.
 *
 * @param <E> the elements of a page, as the query returns them
 * @param <T> the items they are turned into, one by one as they are iterated
 */
public abstract class PagedIterator<E, T> implements Iterator<T> {

	private final int pageSize;

	private final String exhausted;

	private Iterator<E> page = Collections.emptyIterator();

	private boolean lastPage;

	/**
	 * @param pageSize elements per query
	 * @param exhausted the message of the {@link NoSuchElementException} that {@link #next()} throws past the end
	 */
	protected PagedIterator(int pageSize, String exhausted) {
		this.pageSize = pageSize;
		this.exhausted = exhausted;
	}

	/** Elements per query. */
	protected final int pageSize() {
		return this.pageSize;
	}

	/** Reads the first page; the last thing a subclass's constructor does. */
	protected final void readFirstPage() {
		nextPage();
	}

	/** The page after the elements read so far (the first page at first): at most {@link #pageSize()} elements. */
	protected abstract List<E> readPage();

	/**
	 * Called once the last page is read, before its elements are iterated, to check what paging cannot see; does
	 * nothing unless overridden.
	 */
	protected void lastPageRead() {
	}

	/** The item of an element of a page. */
	protected abstract T item(E element);

	@Override
	public final boolean hasNext() {
		while (!this.page.hasNext()) {
			if (this.lastPage) {
				return false;
			}
			nextPage();
		}
		return true;
	}

	@Override
	public final T next() {
		if (!hasNext()) {
			throw new NoSuchElementException(this.exhausted);
		}
		return item(this.page.next());
	}

	private void nextPage() {
		List<E> elements = readPage();
		this.lastPage = elements.size() < this.pageSize;
		if (this.lastPage) {
			lastPageRead();
		}
		this.page = elements.iterator();
	}

}
