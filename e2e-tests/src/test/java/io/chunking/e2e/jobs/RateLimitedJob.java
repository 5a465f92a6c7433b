package io.chunking.e2e.jobs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.RateLimit;
import io.chunking.job.ResultAggregation;

/**
 * {@value #NAME}: items {@code item-0 ... item-(items-1)} in chunks of 20, {@value #CONCURRENCY} at a time per
 * attempt, each taking a permit of {@link #LIMIT} before it is processed. An item's output is the time it was
 * processed (epoch microseconds of the worker's clock); the result is {@code count} and {@code processedAt}, every
 * item's time, sorted.
 */
public final class RateLimitedJob {

	public static final String NAME = "it-rate-limited";

	public static final RateLimit LIMIT = RateLimit.perSecond("it-limit", 40);

	public static final int CONCURRENCY = 4;

	private RateLimitedJob() {
	}

	static ChunkedJobDefinition<String, Long> definition() {
		return ChunkedJob.named(NAME)
			.description("Test job: items processed " + CONCURRENCY + " at a time under the shared limit " + LIMIT)
			.parameter(JobParameterSpec.longParam("items", 200, "Number of items").range(1, 10_000))
			.items(String.class,
					(arguments) -> LongStream.range(0, arguments.getLong("items")).mapToObj((i) -> "item-" + i))
			.processor((String item) -> ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()))
			.chunkSize(20)
			.aggregate(new ProcessingTimes())
			.concurrency(CONCURRENCY)
			.rateLimit(LIMIT)
			.build();
	}

	/** Collects the items' processing times. */
	static final class ProcessingTimes implements ResultAggregation<Long, ProcessingTimes.Partial> {

		/** @param micros processing times, epoch microseconds */
		record Partial(List<Long> micros) {
		}

		@Override
		public Class<Partial> partialType() {
			return Partial.class;
		}

		@Override
		public Partial empty() {
			return new Partial(new ArrayList<>());
		}

		@Override
		public Partial add(Partial partial, Long output) {
			partial.micros().add(output);
			return partial;
		}

		@Override
		public Partial merge(Partial left, Partial right) {
			List<Long> both = new ArrayList<>(left.micros());
			both.addAll(right.micros());
			return new Partial(both);
		}

		@Override
		public Map<String, Object> present(Partial total) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("count", total.micros().size());
			result.put("processedAt", total.micros().stream().sorted().toList());
			return result;
		}

	}

}
