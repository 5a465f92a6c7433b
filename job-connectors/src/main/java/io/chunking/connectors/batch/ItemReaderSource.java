package io.chunking.connectors.batch;

import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.util.Assert;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The items of a Spring Batch {@link ItemReader}, any of them (a {@code FlatFileItemReader}, a
 * {@code JdbcCursorItemReader}, a reader of your own), as a job's items:
 *
 * <pre class="code">
 * ItemReaderSource.of(Sale.class, (arguments) -> new FlatFileItemReaderBuilder&lt;Sale&gt;()
 *     .name("sales").resource(new FileSystemResource(arguments.getString("file")))
 *     .linesToSkip(1).delimited().names("sku", "quantity").targetType(Sale.class)
 *     .build())
 * </pre>
 *
 * Each run makes a new reader and reads it on the master, as a stream: a reader that is an {@code ItemStream} is
 * opened with a fresh execution context before the first item and closed once, when the stream is closed or as soon
 * as opening or reading fails. The reader's state is not saved: a restarted execution reuses the payloads of the
 * chunks already sliced. Items are numbered in the reader's order from 1; a payload holds each item as JSON with its
 * number, and an item's position is {@code item <number>}, so a failed item can be found in the reader's input.
 * Opening or reading failures fail the slice with a {@link io.chunking.connectors.SourceException} that names the
 * reader and the item number.
 *
 * @param <I> item type; must be serializable to JSON with Jackson
 */
public final class ItemReaderSource<I> implements RecordSource<ReaderItem, I> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Class<I> type;

	private final Function<JobArguments, ? extends ItemReader<? extends I>> readers;

	private ItemReaderSource(Class<I> type, Function<JobArguments, ? extends ItemReader<? extends I>> readers) {
		this.type = type;
		this.readers = readers;
	}

	/**
	 * The items of a new reader for each run.
	 * @param type type of the items, for reading them back from the payloads
	 * @param readers makes the reader of a run from its arguments
	 */
	public static <I> ItemReaderSource<I> of(Class<I> type,
			Function<JobArguments, ? extends ItemReader<? extends I>> readers) {
		Assert.notNull(type, "type must not be null");
		Assert.notNull(readers, "readers must not be null");
		return new ItemReaderSource<>(type, readers);
	}

	@Override
	public Class<ReaderItem> recordType() {
		return ReaderItem.class;
	}

	/** The reader's items; the reader is opened before this returns and closed when the stream is. */
	@Override
	public Stream<ReaderItem> records(JobArguments arguments) {
		ItemReader<? extends I> reader = this.readers.apply(arguments);
		Assert.state(reader != null, () -> "The reader factory of items of " + this.type.getName()
				+ " returned null for arguments " + arguments);
		ReaderSpliterator items = new ReaderSpliterator(reader, describe(reader), JSON);
		return StreamSupport.stream(items, false).onClose(items::close);
	}

	@Override
	public I read(ReaderItem record) {
		try {
			return JSON.readValue(record.item(), this.type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Item " + record.number() + " is not a " + this.type.getName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public String position(ReaderItem record) {
		return "item " + record.number();
	}

	private static String describe(ItemReader<?> reader) {
		String kind = reader.getClass().getSimpleName().isEmpty() ? reader.getClass().getName()
				: reader.getClass().getSimpleName();
		if (reader instanceof ItemStreamSupport named && named.getName() != null) {
			return "item reader '" + named.getName() + "' (" + kind + ")";
		}
		return "item reader " + kind;
	}

}
