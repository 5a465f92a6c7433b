package io.chunking.job;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A source read in two halves: the master streams its <em>records</em> (a line of an object, a document, a row) into
 * chunk payloads, and each worker reads a record into the job's <em>item</em> just before processing it. Parsing
 * thus runs on the workers, in parallel, and a record that cannot be read is a skip of its chunk attempt, recorded in
 * the ledger with the record's {@link #position}, never a silent drop.
 * <p>
 * The built-in sources of the {@code job-connectors} module (S3 objects, MongoDB, JDBC, Spring Batch item readers)
 * implement it; {@link ItemSource} is the simpler form whose records are the items themselves.
 *
 * @param <R> record type, as stored in payloads; must be serializable to JSON with Jackson
 * @param <I> item type, as given to the processor
 */
public interface RecordSource<R, I> {

	/** Type of the records, for reading payloads back from JSON. */
	Class<R> recordType();

	/**
	 * The records of a run, lazily, on the master; the caller closes the stream. A source that cannot be read (a
	 * missing object, refused credentials, a bad query, a malformed header) throws here or while the stream is
	 * consumed, with a message that names the source and the problem: the execution then fails while slicing.
	 */
	Stream<R> records(JobArguments arguments) throws Exception;

	/**
	 * The item of a record, on a worker.
	 * @throws Exception if the record cannot be read (an unparsable line, a document of the wrong shape): the record
	 * is skipped, recorded with its position and this exception's message
	 */
	I read(R record) throws Exception;

	/**
	 * Where the record came from, for error reports, e.g. {@code s3://bucket/key:12} or
	 * {@code mongodb://db.profiles/_id=42}; {@code null} if the source has no position of its own (its place in the
	 * chunk is used).
	 */
	@Nullable String position(R record);

	/** The simple source whose records are its items. */
	static <I> RecordSource<I, I> of(Class<I> itemType, ItemSource<I> source) {
		return new RecordSource<>() {

			@Override
			public Class<I> recordType() {
				return itemType;
			}

			@Override
			public Stream<I> records(JobArguments arguments) throws Exception {
				return source.items(arguments);
			}

			@Override
			public I read(I record) {
				return record;
			}

			@Override
			public @Nullable String position(I record) {
				return null;
			}

		};
	}

}
