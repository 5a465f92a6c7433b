package io.chunking.worker.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.RateLimit;
import io.chunking.job.RateLimitTimeoutException;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.store.ItemCounts;
import io.chunking.store.SkippedItem;
import io.chunking.store.memory.InMemoryRateLimitStore;
import io.chunking.store.ratelimit.SharedRateLimiters;
import io.chunking.worker.chunk.RecordsAndSinksStepTests.Line;

/**
 * Each item of a job with a rate limit takes a permit before it is processed, on whichever item thread processes
 * it, and an item that gets none in time fails like any processing error.
 */
class RateLimitedStepTests {

	static final List<Line> LINES = IntStream.range(0, 12).mapToObj((n) -> new Line(n + 1, String.valueOf(n))).toList();

	final SharedRateLimiters rateLimiters = new SharedRateLimiters(new InMemoryRateLimitStore());

	final List<Long> processedAt = Collections.synchronizedList(new ArrayList<>());

	@Test
	void itemsProcessedAtOnceShareTheLimitAndAreProcessedNoFasterThanItsRate() throws Exception {
		WorkerStepRunner.Result result = run(job(RateLimit.perSecond("twenty", 20)));

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(result.counts()).isEqualTo(new ItemCounts(12, 12, 0));
		List<Long> times = this.processedAt.stream().sorted().toList();
		Duration span = Duration.ofNanos(times.get(11) - times.get(0));
		assertThat(span).as("12 items at 20 per second, each within 50 ms of its permit's time")
			.isGreaterThanOrEqualTo(Duration.ofMillis(11 * 50 - 50))
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void anItemWithoutAPermitInTimeFailsWithATimeoutThatTheSkipPolicyCanSkip() throws Exception {
		RateLimit onePerMinute = RateLimit.of("slow", 1, Duration.ofMinutes(1)).maxWait(Duration.ofMillis(100));
		WorkerStepRunner.Result result = run(job(onePerMinute)
			.workerStep((step) -> step.faultTolerant().skip(RateLimitTimeoutException.class).skipLimit(20)));

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(result.counts()).isEqualTo(new ItemCounts(12, 1, 11));
		assertThat(result.skips()).hasSize(11)
			.extracting(SkippedItem::message)
			.containsOnly("No permit of rate limit slow (1 per PT1M) within PT0.1S");
	}

	private ChunkedJob.Builder<Integer, Integer> job(RateLimit limit) {
		return ChunkedJob.named("limited")
			.items(RecordsAndSinksStepTests.NUMBERS)
			.processor((Integer n) -> {
				this.processedAt.add(System.nanoTime());
				return n;
			})
			.rateLimit(limit)
			.concurrency(4);
	}

	private WorkerStepRunner.Result run(ChunkedJob.Builder<Integer, Integer> job) throws Exception {
		ChunkedJobDefinition<Integer, Integer> definition = job.build();
		ChunkAttempt attempt = new ChunkAttempt(definition.getName(), 1, 0, 1, "w1", definition.validate(Map.of()));
		WorkerSettings settings = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 8,
				Duration.ofMinutes(2));
		return new WorkerStepRunner(settings, this.rateLimiters).run(ChunkedJobRuntime.of(definition), attempt, LINES);
	}

}
