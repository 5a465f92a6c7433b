package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.master.manager.SimulatedWorker.Outcome;
import io.chunking.protocol.ChunkRequest;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.NewChunk;
import io.chunking.store.memory.InMemoryChunkLedger;
import io.chunking.store.memory.InMemoryRunStore;
import io.chunking.support.metrics.ChunkMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The manager's supervision of the ledger — dispatch, lease expiry, retry with backoff, burial, tolerated dead
 * chunks, stop and timeout — against the in-memory ledger and run store, a recording dispatcher and simulated
 * workers, on a simulated clock: each test covers minutes of supervision and runs in milliseconds. Spring Batch's
 * {@code TaskExecutorPartitionHandlerTests} is the model.
 */
class LedgerPartitionHandlerTests {

	private static final int CHUNKS = 10;

	private static final ManagerSettings SETTINGS = new ManagerSettings(Duration.ofMillis(500), Duration.ofHours(1),
			Duration.ofSeconds(1), Duration.ofMinutes(1), 500, 8, 1024 * 1024, "master-test", Duration.ofSeconds(30),
			Duration.ofSeconds(15), Duration.ofMinutes(5));

	private final ChunkedJobDefinition<Integer, Integer> definition = ChunkedJob.named("numbers")
		.items(Integer.class, (arguments) -> Stream.empty())
		.processor((Integer item) -> item)
		.chunkSize(20)
		.build();

	private final InMemoryChunkLedger ledger = new InMemoryChunkLedger();

	private final InMemoryRunStore runs = new InMemoryRunStore();

	private final RecordingDispatcher dispatcher = new RecordingDispatcher();

	private final SimulatedClock clock = new SimulatedClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ResourcelessJobRepository jobRepository = new ResourcelessJobRepository();

	private long instanceId;

	@Test
	void completesWhenEveryChunkSucceededAndSendsEachRequestOnce() throws Exception {
		StepExecution step = managerStep("3", "0");
		worker((index, attempt) -> Outcome.SUCCEED);

		handler().handle(null, step);

		assertThat(counts().get(ChunkStatus.SUCCEEDED)).isEqualTo(CHUNKS);
		assertThat(this.dispatcher.sent()).extracting((request) -> request.chunkIndex())
			.containsExactlyElementsOf(IntStream.range(0, CHUNKS).boxed().toList());
		assertThat(step.getReadCount()).isEqualTo(CHUNKS * 20L);
		assertThat(step.getWriteCount()).isEqualTo(CHUNKS * 20L);
	}

	@Test
	void sendsNothingAgainThatTheSliceSentAndKeepsTheAttemptOfAChunkThatFailedWhileSlicing() throws Exception {
		StepExecution step = managerStep("3", "0");
		// The slice step sent every chunk as it recorded them, and a worker failed chunk 5 before the slice ended.
		StepExecution slice = this.jobRepository.createStepExecution("numbers.slice", step.getJobExecution());
		slice.getExecutionContext().put(SliceTasklet.SLICED_HERE, true);
		slice.getExecutionContext().put(SliceTasklet.DISPATCHED, true);
		List<ChunkRequest> all = IntStream.range(0, CHUNKS)
			.mapToObj((index) -> ChunkRequest.of("numbers", step.getJobExecutionId(),
					new ChunkKey(this.instanceId, index)))
			.toList();
		this.dispatcher.dispatch(all);
		this.ledger.dispatched(this.instanceId, IntStream.range(0, CHUNKS).boxed().toList(), this.clock.now());
		ChunkClaim claim = this.ledger.claim(new ChunkKey(this.instanceId, 5), "worker-0", SimulatedWorker.LEASE,
				this.clock.now()).orElseThrow();
		this.ledger.fail(claim, new ChunkError("java.lang.IllegalStateException", "boom while slicing", "worker-0", 1,
				this.clock.now()), this.clock.now());
		worker((index, attempt) -> Outcome.SUCCEED);

		handler().handle(null, step);

		assertThat(counts().get(ChunkStatus.SUCCEEDED)).isEqualTo(CHUNKS);
		assertThat(this.dispatcher.sentFor(0)).as("sent once, by the slice").isEqualTo(1);
		assertThat(this.dispatcher.sent()).hasSize(CHUNKS + 1);
		assertThat(chunk(5).attempt()).as("the failed attempt counts: no fresh set of attempts").isEqualTo(2);
		assertThat(this.dispatcher.sentFor(5)).isEqualTo(2);
	}

	@Test
	void sendsEveryPendingChunkWhenTheSliceCouldNotSendThemAll() throws Exception {
		StepExecution step = managerStep("3", "0");
		StepExecution slice = this.jobRepository.createStepExecution("numbers.slice", step.getJobExecution());
		slice.getExecutionContext().put(SliceTasklet.SLICED_HERE, true);
		slice.getExecutionContext().put(SliceTasklet.DISPATCHED, false);
		worker((index, attempt) -> Outcome.SUCCEED);

		handler().handle(null, step);

		assertThat(counts().get(ChunkStatus.SUCCEEDED)).isEqualTo(CHUNKS);
		assertThat(this.dispatcher.sent()).extracting((request) -> request.chunkIndex())
			.containsExactlyElementsOf(IntStream.range(0, CHUNKS).boxed().toList());
	}

	@Test
	void takesBackTheChunkOfAWorkerThatVanishedOnceItsLeaseExpiredAndSendsItAgain() throws Exception {
		StepExecution step = managerStep("3", "0");
		worker((index, attempt) -> (index == 4 && attempt == 1) ? Outcome.VANISH : Outcome.SUCCEED);

		handler().handle(null, step);

		ChunkRecord chunk = chunk(4);
		assertThat(chunk.status()).isEqualTo(ChunkStatus.SUCCEEDED);
		assertThat(chunk.attempt()).isEqualTo(2);
		assertThat(chunk.lastError().type()).isEqualTo("io.chunking.LeaseExpired");
		assertThat(chunk.lastError().workerId()).isEqualTo("worker-1");
		assertThat(this.dispatcher.sentFor(4)).isEqualTo(2);
		assertThat(this.clock.elapsed()).as("not before the lease ended").isGreaterThan(SimulatedWorker.LEASE);
		assertThat(this.meters.counter(ChunkMetrics.RETRIED, "job", "numbers").count()).isEqualTo(1);
	}

	@Test
	void retriesAFailedChunkAfterAGrowingBackoffUntilItSucceeds() throws Exception {
		StepExecution step = managerStep("5", "0");
		List<Instant> dispatchedAt = new ArrayList<>();
		this.clock.onTick((now) -> {
			long sent = this.dispatcher.sentFor(7);
			while (dispatchedAt.size() < sent) {
				dispatchedAt.add(now);
			}
		});
		worker((index, attempt) -> (index == 7 && attempt < 4) ? Outcome.FAIL : Outcome.SUCCEED);

		handler().handle(null, step);

		assertThat(chunk(7).status()).isEqualTo(ChunkStatus.SUCCEEDED);
		assertThat(chunk(7).attempt()).isEqualTo(4);
		assertThat(dispatchedAt).hasSize(4);
		Duration first = Duration.between(dispatchedAt.get(1), dispatchedAt.get(2));
		Duration second = Duration.between(dispatchedAt.get(2), dispatchedAt.get(3));
		assertThat(Duration.between(dispatchedAt.get(0), dispatchedAt.get(1)))
			.as("first retry waits the base backoff").isGreaterThanOrEqualTo(SETTINGS.retryBackoff());
		assertThat(second).as("the backoff grows").isGreaterThan(first);
	}

	@Test
	void buriesAChunkThatFailedMaxAttemptsTimesAndFailsTheStepNamingIt() {
		StepExecution step = managerStep("3", "0");
		worker((index, attempt) -> (index == 2) ? Outcome.FAIL : Outcome.SUCCEED);

		assertThatExceptionOfType(DeadChunksException.class).isThrownBy(() -> handler().handle(null, step))
			.withMessageContaining("chunk 2")
			.withMessageContaining("boom at attempt 3");

		assertThat(chunk(2).status()).isEqualTo(ChunkStatus.DEAD);
		assertThat(chunk(2).attempt()).isEqualTo(3);
		assertThat(this.dispatcher.sentFor(2)).as("no attempt after the last").isEqualTo(3);
		assertThat(counts().get(ChunkStatus.SUCCEEDED)).isEqualTo(CHUNKS - 1);
		assertThat(this.meters.counter(ChunkMetrics.DEAD, "job", "numbers").count()).isEqualTo(1);
	}

	@Test
	void completesWithDeadChunksUpToTheTolerance() throws Exception {
		StepExecution step = managerStep("2", "2");
		worker((index, attempt) -> (index == 2 || index == 8) ? Outcome.FAIL : Outcome.SUCCEED);

		handler().handle(null, step);

		assertThat(counts().get(ChunkStatus.DEAD)).isEqualTo(2);
		assertThat(counts().get(ChunkStatus.SUCCEEDED)).isEqualTo(CHUNKS - 2);
	}

	@Test
	void oneDeadChunkMoreThanToleratedFailsTheStep() {
		StepExecution step = managerStep("1", "1");
		worker((index, attempt) -> (index == 2 || index == 8) ? Outcome.FAIL : Outcome.SUCCEED);

		assertThatExceptionOfType(DeadChunksException.class).isThrownBy(() -> handler().handle(null, step));
		assertThat(counts().get(ChunkStatus.DEAD)).isEqualTo(2);
	}

	@Test
	void aStopHoldsTheChunksNotStartedLetsRunningOnesFinishAndEndsStopped() {
		StepExecution step = managerStep("3", "0");
		// The worker takes one request per tick; the operator's stop arrives after 3 chunks succeeded.
		SimulatedWorker worker = new SimulatedWorker("worker-1", this.ledger, this.dispatcher,
				(index, attempt) -> Outcome.SUCCEED);
		this.clock.onTick((now) -> {
			if (this.dispatcher.sent().size() > 0 && counts().get(ChunkStatus.SUCCEEDED) >= 3 && !step.isTerminateOnly()) {
				step.setTerminateOnly(); // what saving the step does when the job execution is STOPPING
			}
			else if (!step.isTerminateOnly()) {
				worker.takeOne(now);
			}
		});

		assertThatExceptionOfType(JobInterruptedException.class).isThrownBy(() -> handler().handle(null, step))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(BatchStatus.STOPPED))
			.withMessageStartingWith("Stopped by an operator: 3 of 10 chunks succeeded, 7 not started");

		ChunkCounts counts = counts();
		assertThat(counts.get(ChunkStatus.RUNNING)).isZero();
		assertThat(counts.get(ChunkStatus.PENDING)).isEqualTo(7);
		assertThat(step.getExecutionContext().getString(StopDescriptionListener.KEY)).startsWith("Stopped by an operator");
		// Requests still queued find their chunk held: a worker taking them now claims nothing.
		worker.accept(this.clock.now());
		assertThat(counts().get(ChunkStatus.PENDING)).isEqualTo(7);
	}

	@Test
	void givesUpAtTheTimeoutNamingTheSettingAndTheCounts() {
		ManagerSettings settings = new ManagerSettings(Duration.ofMillis(500), Duration.ofMinutes(2),
				Duration.ofSeconds(1), Duration.ofMinutes(1), 500, 8, 1024 * 1024, "master-test", Duration.ofSeconds(30),
				Duration.ofSeconds(15), Duration.ofMinutes(5));
		StepExecution step = managerStep("3", "0");
		// No worker at all.

		assertThatExceptionOfType(TimeoutException.class)
			.isThrownBy(() -> handler(settings).handle(null, step))
			.withMessageContaining("did not finish within PT2M (chunking.master.timeout)")
			.withMessageContaining("PENDING=10");
		assertThat(this.clock.elapsed()).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(2).plusSeconds(1));
		assertThat(this.dispatcher.sentFor(0)).as("requests still in the queue are not sent again").isEqualTo(1);
	}

	@Test
	void sendsAgainTheRequestsThatLeftTheQueueWithoutReachingAWorker() throws Exception {
		StepExecution step = managerStep("3", "0");
		SimulatedWorker worker = new SimulatedWorker("worker-1", this.ledger, this.dispatcher,
				(index, attempt) -> Outcome.SUCCEED);
		List<Instant> lostAt = new ArrayList<>();
		this.clock.onTick((now) -> {
			if (lostAt.isEmpty()) {
				// A faulty consumer takes every request and acknowledges it.
				while (this.dispatcher.take() != null) {
				}
				lostAt.add(now);
			}
			else {
				worker.accept(now);
			}
		});

		handler().handle(null, step);

		assertThat(counts().get(ChunkStatus.SUCCEEDED)).isEqualTo(CHUNKS);
		for (int index = 0; index < CHUNKS; index++) {
			assertThat(this.dispatcher.sentFor(index)).as("requests of chunk %d", index).isEqualTo(2);
			assertThat(chunk(index).attempt()).as("attempts of chunk %d", index).isEqualTo(1);
		}
		assertThat(this.clock.elapsed()).as("sent again once redispatch-after passed, not before")
			.isBetween(SETTINGS.redispatchAfter(), SETTINGS.redispatchAfter().multipliedBy(2));
		assertThat(this.meters.counter(ChunkMetrics.REDISPATCHED, "job", "numbers").count()).isEqualTo(CHUNKS);
	}

	private void worker(java.util.function.BiFunction<Integer, Integer, Outcome> behaviour) {
		this.clock.onTick(new SimulatedWorker("worker-1", this.ledger, this.dispatcher, behaviour));
	}

	private LedgerPartitionHandler handler() {
		return handler(SETTINGS);
	}

	private LedgerPartitionHandler handler(ManagerSettings settings) {
		return new LedgerPartitionHandler(this.definition, this.ledger, this.runs, this.dispatcher, this.jobRepository,
				settings, new ChunkMetrics(this.meters), new HandoverSignal(settings.masterId()), this.clock);
	}

	/** A sliced run of {@value #CHUNKS} chunks of 20 items and the manager step of its first execution. */
	private StepExecution managerStep(String maxAttempts, String toleratedDeadChunks) {
		JobParameters parameters = new JobParametersBuilder().addString(ChunkedJobDefinition.MAX_ATTEMPTS, maxAttempts)
			.addString(ChunkedJobDefinition.TOLERATED_DEAD_CHUNKS, toleratedDeadChunks)
			.toJobParameters();
		var instance = this.jobRepository.createJobInstance("numbers", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		this.instanceId = execution.getJobInstanceId();
		this.ledger.record(IntStream.range(0, CHUNKS)
			.mapToObj((index) -> new NewChunk(new ChunkKey(this.instanceId, index), "numbers", execution.getId(), 20,
					"payloads/" + index))
			.toList());
		return this.jobRepository.createStepExecution("numbers.process", execution);
	}

	private ChunkRecord chunk(int index) {
		return this.ledger.find(new ChunkKey(this.instanceId, index)).orElseThrow();
	}

	private ChunkCounts counts() {
		return this.ledger.count(this.instanceId);
	}

}
