package io.chunking.worker.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.store.ItemCounts;
import io.chunking.store.SkippedItem;
import io.chunking.worker.chunk.RecordsAndSinksStepTests.Line;

/**
 * A job with a concurrency above 1 has the items of each commit interval processed on that many threads of the
 * attempt's own, never more, and its outputs written in item order, with exact counts, result, skips and failure
 * position, as one after the other.
 */
class ConcurrentItemsStepTests {

	static final int CONCURRENCY = 8;

	/** Two waves of {@value #CONCURRENCY} items per commit interval. */
	static final int COMMIT_INTERVAL = 16;

	/** Lines 1 to 40 holding the numbers 0 to 39, read by {@link RecordsAndSinksStepTests#NUMBERS}. */
	static final List<Line> LINES = IntStream.range(0, 40).mapToObj((n) -> new Line(n + 1, String.valueOf(n))).toList();

	final List<Integer> written = new ArrayList<>();

	final AtomicInteger inFlight = new AtomicInteger();

	final AtomicInteger mostInFlight = new AtomicInteger();

	final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	/** Trips only when {@value #CONCURRENCY} items are processed at the same time. */
	final CyclicBarrier allAtOnce = new CyclicBarrier(CONCURRENCY);

	@Test
	void upToTheConcurrencyItemsRunAtOnceOnTheAttemptsThreadsAndOutputsAreWrittenInItemOrder() throws Exception {
		WorkerStepRunner.Result result = run(job((n) -> n * 10));

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(this.mostInFlight).as("items processed at once, at most").hasValue(CONCURRENCY);
		assertThat(this.written).isEqualTo(IntStream.range(0, 40).map((n) -> n * 10).boxed().toList());
		assertThat(result.counts()).isEqualTo(new ItemCounts(40, 40, 0));
		assertThat(result.partial()).isEqualTo(10L * (39 * 40 / 2));
		assertThat(this.threads).hasSize(CONCURRENCY)
			.allSatisfy((thread) -> assertThat(thread.getName()).startsWith("numbers#1/7-item-"));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.threads).as("threads alive after the attempt")
				.noneMatch(Thread::isAlive));
	}

	@Test
	void anItemSkippedOnAnItemThreadIsRecordedWithItsPositionAndTheCountsStayExact() throws Exception {
		WorkerStepRunner.Result result = run(job((n) -> {
			if (n % 10 == 3) {
				throw new IllegalArgumentException(n + " is not allowed");
			}
			return n;
		}).workerStep((step) -> step.faultTolerant().skip(IllegalArgumentException.class).skipLimit(10)));

		assertThat(result.succeeded()).as("attempt failed with %s", result.failure()).isTrue();
		assertThat(this.written).isEqualTo(IntStream.range(0, 40).filter((n) -> n % 10 != 3).boxed().toList());
		assertThat(result.counts()).isEqualTo(new ItemCounts(40, 36, 4));
		assertThat(result.partial()).isEqualTo((long) (39 * 40 / 2 - 3 - 13 - 23 - 33));
		assertThat(result.skips()).extracting(SkippedItem::position)
			.containsExactlyInAnyOrder("numbers.txt:4", "numbers.txt:14", "numbers.txt:24", "numbers.txt:34");
		assertThat(result.skips()).filteredOn((skip) -> skip.position().equals("numbers.txt:14"))
			.extracting(SkippedItem::message)
			.containsExactly("13 is not allowed");
	}

	@Test
	void anItemThatFailsOnAnItemThreadFailsTheAttemptNamingItsPositionAndStopsTheThreads() throws Exception {
		WorkerStepRunner.Result result = run(job((n) -> {
			if (n == 20) {
				throw new IllegalArgumentException("20 is skipped");
			}
			if (n == 21) {
				throw new IllegalStateException("21 cannot be processed");
			}
			return n;
		}).workerStep((step) -> step.faultTolerant().skip(IllegalArgumentException.class).skipLimit(10)));

		assertThat(result.succeeded()).isFalse();
		assertThat(result.failedAt()).isEqualTo("numbers.txt:22");
		assertThat(result.failure()).hasRootCauseInstanceOf(IllegalStateException.class)
			.hasRootCauseMessage("21 cannot be processed");
		assertThat(this.written).as("the first commit interval only").hasSize(COMMIT_INTERVAL);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.threads).as("threads alive after the attempt")
				.noneMatch(Thread::isAlive));
	}

	/**
	 * A job with the given work per item, processing {@value #CONCURRENCY} items at once: the first
	 * {@value #CONCURRENCY} items wait until all of them run, the others take a few milliseconds each, unevenly, so
	 * that they finish out of order.
	 */
	private ChunkedJob.Builder<Integer, Integer> job(ItemProcessor<Integer, Integer> work) {
		ItemProcessor<Integer, Integer> processor = (n) -> {
			this.threads.add(Thread.currentThread());
			this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			try {
				if (n < CONCURRENCY) {
					this.allAtOnce.await(10, TimeUnit.SECONDS);
				}
				else {
					Thread.sleep((n * 7) % 5);
				}
				return work.process(n);
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		};
		return ChunkedJob.named("numbers")
			.items(RecordsAndSinksStepTests.NUMBERS)
			.processor(processor)
			.writer((chunk) -> this.written.addAll(chunk.getItems()))
			.aggregate(new ChunkWorkerIntegrationTests.SumAggregation())
			.concurrency(CONCURRENCY);
	}

	private WorkerStepRunner.Result run(ChunkedJob.Builder<Integer, Integer> job) throws Exception {
		ChunkedJobDefinition<Integer, Integer> definition = job.build();
		ChunkAttempt attempt = new ChunkAttempt(definition.getName(), 1, 7, 1, "w1", definition.validate(Map.of()));
		WorkerSettings settings = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), COMMIT_INTERVAL,
				Duration.ofMinutes(2));
		return new WorkerStepRunner(settings).run(ChunkedJobRuntime.of(definition), attempt, LINES);
	}

}
