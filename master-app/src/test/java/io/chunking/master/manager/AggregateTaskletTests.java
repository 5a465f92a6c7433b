package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.CompletedRun;
import io.chunking.job.CountedAttempt;
import io.chunking.job.ResultAggregation;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.protocol.payload.ItemCodec;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.memory.InMemoryChunkLedger;
import io.chunking.store.memory.InMemoryPayloadStore;
import io.chunking.store.memory.InMemoryRunStore;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The aggregate step against the in-memory stores: it merges the result object of the counted attempt of every
 * succeeded chunk, reports dead chunks as items left out, and refuses a ledger that does not add up.
 */
class AggregateTaskletTests {

	private static final ManagerSettings SETTINGS = ManagerSettings.DEFAULTS;

	private static final int CHUNKS = 6;

	private final ChunkedJobDefinition<Integer, Integer> definition = ChunkedJob.named("numbers")
		.items(Integer.class, (arguments) -> Stream.empty())
		.processor((Integer item) -> item)
		.chunkSize(20)
		.aggregate(new Sum())
		.build();

	private final InMemoryChunkLedger ledger = new InMemoryChunkLedger();

	private final InMemoryPayloadStore payloads = new InMemoryPayloadStore();

	private final InMemoryRunStore runs = new InMemoryRunStore();

	private final ItemCodec codec = new ItemCodec();

	private final ResourcelessJobRepository jobRepository = new ResourcelessJobRepository();

	private final JobExecution execution = this.jobRepository.createJobExecution(
			this.jobRepository.createJobInstance("numbers", new JobParameters()), new JobParameters(),
			new ExecutionContext());

	private final long instanceId = this.execution.getJobInstanceId();

	@Test
	void mergesTheResultOfTheCountedAttemptOfEverySucceededChunk() throws Exception {
		sliced();
		for (int index = 0; index < CHUNKS; index++) {
			succeed(index, 100L * index);
		}

		assertThat(aggregate()).isEqualTo(Map.of("sum", 1500));
	}

	@Test
	void reportsTheItemsOfToleratedDeadChunksAsLeftOut() throws Exception {
		sliced();
		for (int index = 0; index < CHUNKS - 1; index++) {
			succeed(index, 1);
		}
		ChunkClaim claim = claim(CHUNKS - 1);
		this.ledger.fail(claim, new ChunkError("java.lang.IllegalStateException", "poison", "w", 1, Instant.now()),
				Instant.now());
		this.ledger.bury(this.ledger.find(claim.key()).orElseThrow(), Instant.now());

		assertThat(aggregate()).containsEntry("sum", 5).containsEntry("deadChunks", 1).containsEntry("itemsLeftOut", 20);
	}

	@Test
	void refusesASucceededChunkWhoseResultObjectIsMissing() {
		sliced();
		for (int index = 0; index < CHUNKS; index++) {
			succeed(index, 1);
		}
		this.payloads.deletePrefix(ChunkKeys.resultsPrefix("numbers", new ChunkKey(this.instanceId, 3)));

		assertThatExceptionOfType(LedgerMismatchException.class).isThrownBy(this::aggregate)
			.withMessageContaining("Chunk 3 is SUCCEEDED but the result object of its counted attempt 1 is missing");
	}

	@Test
	void refusesALedgerWithFewerChunksThanTheSliceRecorded() {
		sliced();
		for (int index = 0; index < CHUNKS; index++) {
			succeed(index, 1);
		}
		this.runs.sliced(this.instanceId, CHUNKS + 1, (CHUNKS + 1) * 20L);

		assertThatExceptionOfType(LedgerMismatchException.class).isThrownBy(this::aggregate)
			.withMessageContaining("does not add up");
	}

	@Test
	void theSinkCompletesTheRunWithTheCountedAttemptOfEverySucceededChunkAndNoOther() throws Exception {
		List<CountedAttempt> counted = new ArrayList<>();
		List<Integer> dead = new ArrayList<>();
		ChunkedJobDefinition<Integer, Integer> withSink = ChunkedJob.named("numbers")
			.items(Integer.class, (arguments) -> Stream.empty())
			.processor((Integer item) -> item)
			.chunkSize(20)
			.sink(new ChunkSink<Integer>() {

				@Override
				public ItemWriter<Integer> open(ChunkAttempt attempt) {
					return (chunk) -> {
					};
				}

				@Override
				public Map<String, Object> completed(CompletedRun run) {
					try (Stream<CountedAttempt> attempts = run.countedAttempts()) {
						attempts.forEach(counted::add);
					}
					dead.addAll(run.deadChunks());
					return Map.of("manifest", "s3://out/" + run.jobName() + "/" + run.jobInstanceId() + "/manifest.json");
				}

			})
			.build();
		sliced();
		for (int index = 0; index < CHUNKS - 1; index++) {
			if (index == 2) {
				// Attempt 1 loses its lease to attempt 2, which counts; attempt 1's late completion is rejected.
				ChunkClaim first = claim(index);
				this.ledger.expire(this.ledger.find(first.key()).orElseThrow(), Instant.now().plusSeconds(120));
				this.ledger.retry(this.ledger.find(first.key()).orElseThrow(), Instant.now().plusSeconds(120));
				ChunkClaim second = this.ledger.claim(first.key(), "w2", Duration.ofMinutes(1), Instant.now().plusSeconds(121))
					.orElseThrow();
				this.ledger.complete(second, new ChunkOutcome(new ItemCounts(20, 19, 1), null), Instant.now());
				assertThat(this.ledger.complete(first, new ChunkOutcome(new ItemCounts(20, 20, 0), null), Instant.now()))
					.isFalse();
			}
			else {
				this.ledger.complete(claim(index), new ChunkOutcome(new ItemCounts(20, 20, 0), null), Instant.now());
			}
		}
		ChunkClaim poisoned = claim(CHUNKS - 1);
		this.ledger.fail(poisoned, new ChunkError("java.lang.IllegalStateException", "poison", "w", 1, Instant.now()),
				Instant.now());
		this.ledger.bury(this.ledger.find(poisoned.key()).orElseThrow(), Instant.now());

		Map<String, Object> result = aggregate(withSink);

		assertThat(counted).containsExactly(new CountedAttempt(0, 1, "w", 20), new CountedAttempt(1, 1, "w", 20),
				new CountedAttempt(2, 2, "w2", 19), new CountedAttempt(3, 1, "w", 20), new CountedAttempt(4, 1, "w", 20));
		assertThat(dead).containsExactly(CHUNKS - 1);
		assertThat(result).containsEntry("manifest", "s3://out/numbers/" + this.instanceId + "/manifest.json")
			.containsEntry("deadChunks", 1);
	}

	private Map<String, Object> aggregate() throws Exception {
		return aggregate(this.definition);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> aggregate(ChunkedJobDefinition<Integer, Integer> definition) throws Exception {
		StepExecution step = this.jobRepository.createStepExecution("numbers.aggregate", this.execution);
		new AggregateTasklet(ChunkedJobRuntime.of(definition), this.ledger, this.payloads, this.runs, SETTINGS,
				new HandoverSignal(SETTINGS.masterId()))
			.execute(new StepContribution(step), null);
		String json = step.getExecutionContext().getString(AggregateTasklet.RESULT_KEY);
		return this.codec.decode(json.getBytes(), Map.class, "result");
	}

	private void sliced() {
		this.runs.begin(this.instanceId, "numbers", Map.of());
		this.ledger.record(IntStream.range(0, CHUNKS)
			.mapToObj((index) -> new NewChunk(new ChunkKey(this.instanceId, index), "numbers", this.execution.getId(),
					20, ChunkKeys.payload("numbers", new ChunkKey(this.instanceId, index))))
			.toList());
		this.runs.sliced(this.instanceId, CHUNKS, CHUNKS * 20L);
	}

	private ChunkClaim claim(int index) {
		return this.ledger.claim(new ChunkKey(this.instanceId, index), "w", Duration.ofMinutes(1), Instant.now())
			.orElseThrow();
	}

	/** What a worker does: stores the attempt's partial result, then completes the attempt naming it. */
	private void succeed(int index, long partial) {
		ChunkClaim claim = claim(index);
		String resultKey = ChunkKeys.result("numbers", claim);
		this.payloads.put(resultKey, this.codec.encode(partial));
		this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(20, 20, 0), resultKey), Instant.now());
	}

	static final class Sum implements ResultAggregation<Integer, Long> {

		@Override
		public Class<Long> partialType() {
			return Long.class;
		}

		@Override
		public Long empty() {
			return 0L;
		}

		@Override
		public Long add(Long partial, Integer output) {
			return partial + output;
		}

		@Override
		public Long merge(Long left, Long right) {
			return left + right;
		}

		@Override
		public Map<String, Object> present(Long total) {
			return Map.of("sum", total);
		}

	}

}
