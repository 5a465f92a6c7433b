package io.chunking.connectors.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.chunking.job.JobArguments;
import io.chunking.job.RecordSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records through a chunk payload as the framework stores them: written on the master with a default
 * {@link JsonMapper}, one JSON document per line, and read back on a worker with the source's record type.
 */
public final class RecordRoundTrip {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RecordRoundTrip() {
	}

	/** The records of a run, each encoded to a payload line and decoded back. */
	public static <R> List<R> records(RecordSource<R, ?> source, JobArguments arguments) throws Exception {
		try (Stream<R> records = source.records(arguments)) {
			return roundTrip(records.toList(), source.recordType());
		}
	}

	public static <R> List<R> roundTrip(List<R> records, Class<R> type) {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		for (R record : records) {
			payload.writeBytes(JSON.writeValueAsBytes(record));
			payload.write('\n');
		}
		List<R> decoded = new ArrayList<>();
		for (String line : payload.toString(StandardCharsets.UTF_8).split("\n")) {
			if (!line.isEmpty()) {
				decoded.add(JSON.readValue(line, type));
			}
		}
		return decoded;
	}

	/** The items of a run, read on a worker from the round-tripped records. */
	public static <R, I> List<I> items(RecordSource<R, I> source, JobArguments arguments) throws Exception {
		List<I> items = new ArrayList<>();
		for (R record : records(source, arguments)) {
			items.add(source.read(record));
		}
		return items;
	}

	/** Arguments of a job without parameters. */
	public static JobArguments noArguments() {
		return JobArguments.validate(List.of(), java.util.Map.of());
	}

}
