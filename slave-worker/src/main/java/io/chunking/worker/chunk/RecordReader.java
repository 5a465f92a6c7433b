package io.chunking.worker.chunk;

import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemReader;

import io.chunking.job.RecordSource;

/**
 * Reads the records of a chunk's payload into items with the job's {@link RecordSource}, as the attempt's step asks
 * for them. A record that cannot be read is not handed to the step: it is recorded as skipped with its position and
 * the next one is read, so a bad line never fails its chunk nor disappears silently.
 *
 * @param <R> record type
 * @param <I> item type
 */
final class RecordReader<R, I> implements ItemReader<I> {

	private final RecordSource<R, I> source;

	private final Iterator<R> records;

	private final ItemPositions<I, ?> positions;

	private int offset;

	RecordReader(RecordSource<R, I> source, List<R> records, ItemPositions<I, ?> positions) {
		this.source = source;
		this.records = records.iterator();
		this.positions = positions;
	}

	@Override
	public @Nullable I read() {
		while (this.records.hasNext()) {
			R record = this.records.next();
			int offset = this.offset++;
			try {
				I item = this.source.read(record);
				if (item == null) {
					throw new IllegalStateException("the source read the record into nothing (null)");
				}
				this.positions.read(item, record, offset);
				return item;
			}
			catch (Exception ex) {
				this.positions.unreadable(record, offset, ex);
			}
		}
		return null;
	}

}
