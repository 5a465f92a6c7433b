package io.chunking.connectors.batch;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;

import io.chunking.connectors.SourceException;
import io.chunking.connectors.support.ExceptionMessages;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The items of one opened reader, numbered from 1 and written as JSON, until the reader returns {@code null}. The
 * reader is opened (if it is an {@link ItemStream}, with a fresh {@link ExecutionContext}) when this is created, and
 * closed once: by {@link #close()}, which the stream's close calls, or at once if opening or reading fails.
 */
final class ReaderSpliterator extends Spliterators.AbstractSpliterator<ReaderItem> {

	private final ItemReader<?> reader;

	private final String source;

	private final JsonMapper json;

	private long count;

	private boolean closed;

	ReaderSpliterator(ItemReader<?> reader, String source, JsonMapper json) {
		super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
		this.reader = reader;
		this.source = source;
		this.json = json;
		if (reader instanceof ItemStream stream) {
			try {
				stream.open(new ExecutionContext());
			}
			catch (RuntimeException ex) {
				throw closing(new SourceException("Opening " + source + " failed: "
						+ ExceptionMessages.withCauses(ex), ex));
			}
		}
	}

	@Override
	public boolean tryAdvance(Consumer<? super ReaderItem> action) {
		if (this.closed) {
			return false;
		}
		long number = this.count + 1;
		Object item;
		try {
			item = this.reader.read();
		}
		catch (Exception ex) {
			throw closing(new SourceException("Reading item " + number + " of " + this.source + " failed: "
					+ ExceptionMessages.withCauses(ex), ex));
		}
		if (item == null) {
			return false;
		}
		String text;
		try {
			text = this.json.writeValueAsString(item);
		}
		catch (JacksonException ex) {
			throw closing(new SourceException("Item " + number + " of " + this.source + " cannot be written as "
					+ "JSON: " + ex.getOriginalMessage(), ex));
		}
		this.count = number;
		action.accept(new ReaderItem(number, text));
		return true;
	}

	/** Closes the reader if it is an {@link ItemStream} and was not closed yet. */
	void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.reader instanceof ItemStream stream) {
			stream.close();
		}
	}

	private SourceException closing(SourceException failure) {
		try {
			close();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
		return failure;
	}

}
