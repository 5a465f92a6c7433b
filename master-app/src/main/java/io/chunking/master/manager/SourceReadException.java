package io.chunking.master.manager;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;

/**
 * The source of a job could not be read while slicing (a missing object, refused credentials, a bad query, a
 * malformed header): the execution fails with a description that names the job and gives the source's own message,
 * which names the source and the problem.
 */
public class SourceReadException extends RuntimeException {

	SourceReadException(String jobName, Throwable cause) {
		super("The source of job '" + jobName + "' could not be read: " + cause.getMessage(), cause);
	}

	/**
	 * The records of a run, with every failure of the source, when it is opened or while it is read, reported as a
	 * {@link SourceReadException}.
	 */
	static Stream<?> records(String jobName, RecordSource<?, ?> source, JobArguments arguments) {
		Stream<?> records;
		try {
			records = source.records(arguments);
		}
		catch (Exception ex) {
			throw new SourceReadException(jobName, ex);
		}
		Iterator<?> iterator = records.iterator();
		Spliterator<Object> guarded = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {

			@Override
			public boolean tryAdvance(Consumer<? super Object> action) {
				Object next;
				try {
					if (!iterator.hasNext()) {
						return false;
					}
					next = iterator.next();
				}
				catch (RuntimeException ex) {
					throw new SourceReadException(jobName, ex);
				}
				action.accept(next);
				return true;
			}

		};
		return StreamSupport.stream(guarded, false).onClose(records::close);
	}

}
