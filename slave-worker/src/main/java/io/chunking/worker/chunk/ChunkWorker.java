package io.chunking.worker.chunk;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.RateLimiters;
import io.chunking.protocol.ChunkRequest;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.protocol.payload.ItemCodec;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.store.ByteRange;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ChunkRecord;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunRecord;
import io.chunking.store.RunStore;
import io.chunking.store.StoreOutage;
import io.chunking.store.StoreRetry;
import io.chunking.store.StoreUnavailableException;
import io.chunking.store.memory.InMemoryRateLimitStore;
import io.chunking.store.ratelimit.SharedRateLimiters;

/**
 * Handles one chunk request: claims the chunk in the ledger (or ignores the request if the chunk is done or held by
 * someone else), keeps the lease alive while the worker step runs, stores the attempt's partial result under a key
 * of its own, and completes the chunk only if the lease still holds. A processing failure is recorded in the ledger
 * as a failed attempt; the master decides whether to retry it. Every store call is retried while the stores are
 * unreachable, for at most {@code storeOutageLimit}; a claim that cannot be made by then fails the request (the
 * broker redelivers it, or the master sends it again), any later call fails the attempt.
 * <p>
 * Requests may be handled on several threads at once (one per JMS consumer); the worker tracks every chunk in hand,
 * so that heartbeats report all of them and a worker that shuts down hands all of them back.
 */
public final class ChunkWorker {

	private static final Log logger = LogFactory.getLog(ChunkWorker.class);

	/** What became of a request. */
	public enum Outcome {

		/** The chunk succeeded and this attempt's result counts. */
		SUCCEEDED,

		/** The attempt failed; the error is in the ledger. */
		FAILED,

		/** The attempt finished after losing its lease; its result was discarded. */
		REJECTED,

		/** The chunk was not pending (done, dead, or held by a live lease); nothing was done. */
		IGNORED

	}

	private final String workerId;

	private final Map<String, ChunkedJobRuntime<?, ?>> definitions = new LinkedHashMap<>();

	private final ChunkLedger ledger;

	private final PayloadStore payloads;

	private final RunStore runs;

	private final LeaseKeeper leases;

	private final WorkerSettings settings;

	private final WorkerStepRunner stepRunner;

	private final ItemCodec codec = new ItemCodec();

	private final AtomicLong chunksDone = new AtomicLong();

	/** Arguments of the most recent runs, by job instance id. */
	private final Map<Long, JobArguments> arguments = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, JobArguments> eldest) {
			return size() > 64;
		}
	};

	/** The chunks in hand: claimed and not yet finished, by chunk. */
	private final Map<ChunkKey, ChunkClaim> inHand = new ConcurrentHashMap<>();

	/** Set by {@link #handBack()}: a chunk claimed afterwards is handed back at once. */
	private volatile boolean handingBack;

	private final ChunkMetrics metrics;

	private final StoreRetry retry;

	public ChunkWorker(String workerId, List<ChunkedJobDefinition<?, ?>> definitions, ChunkLedger ledger,
			PayloadStore payloads, RunStore runs, LeaseKeeper leases, WorkerSettings settings) {
		this(workerId, definitions, ledger, payloads, runs, leases, settings, ChunkMetrics.inMemory());
	}

	/** A worker whose jobs' rate limits hold in this process only (for tests and embedding). */
	public ChunkWorker(String workerId, List<ChunkedJobDefinition<?, ?>> definitions, ChunkLedger ledger,
			PayloadStore payloads, RunStore runs, LeaseKeeper leases, WorkerSettings settings, ChunkMetrics metrics) {
		this(workerId, definitions, ledger, payloads, runs, leases, settings, metrics, new StoreOutage(),
				new SharedRateLimiters(new InMemoryRateLimitStore()));
	}

	/**
	 * @param outage where this worker's store calls record failures, shared with whatever watches the stores
	 * @param rateLimiters where the items of a job with a rate limit take their permits
	 */
	public ChunkWorker(String workerId, List<ChunkedJobDefinition<?, ?>> definitions, ChunkLedger ledger,
			PayloadStore payloads, RunStore runs, LeaseKeeper leases, WorkerSettings settings, ChunkMetrics metrics,
			StoreOutage outage, RateLimiters rateLimiters) {
		this.metrics = metrics;
		this.retry = new StoreRetry(settings.storeOutageLimit(), "chunking.worker.store-outage-limit", outage);
		this.workerId = workerId;
		definitions.forEach(
				(definition) -> this.definitions.put(definition.getName(), ChunkedJobRuntime.of(definition)));
		this.ledger = ledger;
		this.payloads = payloads;
		this.runs = runs;
		this.leases = leases;
		this.settings = settings;
		this.stepRunner = new WorkerStepRunner(settings, rateLimiters);
	}

	/**
	 * @throws StoreUnavailableException if the ledger could not be reached to claim the chunk within the limit: the
	 * request was not handled
	 * @throws InterruptedException if the worker is interrupted while waiting for the ledger
	 */
	public Outcome handle(ChunkRequest request) throws InterruptedException {
		ChunkedJobRuntime<?, ?> definition = this.definitions.get(request.jobName());
		if (definition == null) {
			throw new IllegalArgumentException("Worker " + this.workerId + " has no job named '" + request.jobName()
					+ "'; it serves " + this.definitions.keySet());
		}
		long claimStart = System.nanoTime();
		Optional<ChunkClaim> claimed = this.retry.call("Claim of " + request.key(),
				() -> this.ledger.claim(request.key(), this.workerId, this.settings.lease(), Instant.now()));
		if (logger.isDebugEnabled()) {
			logger.debug("Claim of " + request.key() + ": " + (System.nanoTime() - claimStart) / 1000 + " us");
		}
		if (claimed.isEmpty()) {
			logger.debug("Ignoring request for " + request.key() + ": it is not pending");
			return Outcome.IGNORED;
		}
		ChunkClaim claim = claimed.get();
		this.inHand.put(claim.key(), claim);
		long started = System.nanoTime();
		Outcome outcome = Outcome.FAILED;
		try (LeaseKeeper.Lease lease = this.leases.hold(claim)) {
			// A request taken just before the worker handed its chunks back is handed back too, not processed.
			outcome = this.handingBack ? handBackLate(claim) : process(definition, lease);
			return outcome;
		}
		finally {
			this.metrics.attempt(definition.getName(), outcome.name(), System.nanoTime() - started);
			this.inHand.remove(claim.key(), claim);
			this.chunksDone.incrementAndGet();
		}
	}

	private Outcome process(ChunkedJobRuntime<?, ?> definition, LeaseKeeper.Lease lease) {
		ChunkRecord chunk = lease.claim().record();
		int attempt = lease.claim().attempt();
		long t0 = System.nanoTime();
		try {
			JobArguments arguments = arguments(definition, chunk.key().jobInstanceId());
			ChunkAttempt context = new ChunkAttempt(definition.getName(), chunk.key().jobInstanceId(),
					chunk.chunkIndex(), attempt, this.workerId, arguments);
			WorkerStepRunner.Result result = runStep(definition, context, chunk);
			long t1 = System.nanoTime();
			if (!result.succeeded()) {
				return recordFailure(lease, result.failure(), result.failedAt());
			}
			@Nullable String resultKey = null;
			if (result.partial() != null) {
				String key = ChunkKeys.result(definition.getName(), lease.claim());
				byte[] content = this.codec.encode(result.partial());
				this.retry.run("Writing the result of attempt " + attempt + " of " + chunk.key(),
						() -> this.payloads.put(key, content));
				resultKey = key;
			}
			long t2 = System.nanoTime();
			ChunkOutcome completed = new ChunkOutcome(result.counts(), resultKey, result.skips());
			if (this.retry.call("Completion of attempt " + attempt + " of " + chunk.key(),
					() -> this.ledger.complete(lease.claim(), completed, Instant.now()))) {
				this.metrics.itemsProcessed(definition.getName(), result.counts().written());
				if (logger.isDebugEnabled()) {
					logger.debug("Chunk " + chunk.chunkIndex() + ": step " + (t1 - t0) / 1000 + " us, result "
							+ (t2 - t1) / 1000 + " us, complete " + (System.nanoTime() - t2) / 1000 + " us");
				}
				return Outcome.SUCCEEDED;
			}
			logger.warn("Completion of " + chunk.key() + " attempt " + attempt
					+ " was rejected: another attempt holds the chunk");
			return Outcome.REJECTED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return recordFailure(lease, ex);
		}
		catch (Exception ex) {
			return recordFailure(lease, ex);
		}
	}

	/** The validated arguments of a run; a run's arguments never change, so they are read once per run. */
	private JobArguments arguments(ChunkedJobDefinition<?, ?> definition, long jobInstanceId)
			throws InterruptedException {
		synchronized (this.arguments) {
			JobArguments cached = this.arguments.get(jobInstanceId);
			if (cached != null) {
				return cached;
			}
		}
		RunRecord run = this.retry.call("Reading the run of job instance " + jobInstanceId,
				() -> this.runs.find(jobInstanceId))
			.orElseThrow(() -> new IllegalStateException("No run record for job instance " + jobInstanceId
					+ "; was the chunk store cleaned while the run was active?"));
		JobArguments arguments = definition.validate(run.arguments());
		synchronized (this.arguments) {
			this.arguments.put(jobInstanceId, arguments);
		}
		return arguments;
	}

	private <I, O> WorkerStepRunner.Result runStep(ChunkedJobRuntime<I, O> definition, ChunkAttempt context,
			ChunkRecord chunk) throws Exception {
		ByteRange range = chunk.payloadRange();
		byte[] payload = this.retry.call("Reading the payload of " + chunk.key(),
				() -> (range != null) ? this.payloads.get(chunk.payloadKey(), range)
						: this.payloads.get(chunk.payloadKey()));
		String source = "the payload of " + chunk.key() + " ('" + chunk.payloadKey() + "'"
				+ ((range != null) ? ", " + range : "") + ")";
		List<?> records = this.codec.decodeItems(payload, definition.getSource().recordType(), source);
		return this.stepRunner.run(definition, context, records);
	}

	private Outcome recordFailure(LeaseKeeper.Lease lease, Throwable failure) {
		return recordFailure(lease, failure, null);
	}

	/**
	 * @param failedAt position of the item whose processing or writing failed, named first in the recorded error
	 */
	private Outcome recordFailure(LeaseKeeper.Lease lease, Throwable failure, @Nullable String failedAt) {
		ChunkClaim claim = lease.claim();
		logger.warn("Attempt " + claim.attempt() + " of " + claim.key() + " failed"
				+ ((failedAt != null) ? " at " + failedAt : "") + ": " + failure);
		ChunkError error = ChunkError.of(failure, this.workerId, claim.attempt(), Instant.now());
		ChunkError recorded = (failedAt == null) ? error : new ChunkError(error.type(),
				"at " + failedAt + ": " + error.message(), error.workerId(), error.attempt(), error.at());
		try {
			return this.retry.call("Recording the failure of attempt " + claim.attempt() + " of " + claim.key(),
					() -> this.ledger.fail(claim, recorded, Instant.now())) ? Outcome.FAILED : Outcome.REJECTED;
		}
		catch (InterruptedException | StoreUnavailableException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			// The lease of the attempt then expires, and the master counts it as failed.
			logger.warn("Could not record the failure of attempt " + claim.attempt() + " of " + claim.key() + ": "
					+ ex.getMessage());
			return Outcome.FAILED;
		}
	}

	/**
	 * Hands every chunk in hand back, for a worker that must stop before finishing them: each attempt is recorded as
	 * failed with a shutdown error, so the master re-dispatches the chunk at once instead of waiting for its lease
	 * to expire. A completion of an abandoned attempt arriving later is rejected. From then on, a chunk this worker
	 * still claims (a request received while it was handing back) is handed back at once.
	 * @return how many chunks were handed back (a chunk that finished meanwhile is not)
	 */
	public int handBack() {
		this.handingBack = true;
		int handedBack = 0;
		for (ChunkClaim claim : chunksInHand()) {
			if (handBack(claim)) {
				handedBack++;
			}
		}
		return handedBack;
	}

	private Outcome handBackLate(ChunkClaim claim) {
		logger.warn("Handing " + claim.key() + " back at once: the worker is shutting down");
		return handBack(claim) ? Outcome.FAILED : Outcome.REJECTED;
	}

	/** Records the attempt as failed with a shutdown error; whether it was still held (false if it finished). */
	private boolean handBack(ChunkClaim claim) {
		ChunkError error = new ChunkError("io.chunking.WorkerShutdown", "Worker " + this.workerId
				+ " shut down before finishing attempt " + claim.attempt() + " and handed the chunk back",
				this.workerId, claim.attempt(), Instant.now());
		try {
			return this.ledger.fail(claim, error, Instant.now());
		}
		catch (RuntimeException ex) {
			// Its lease will expire instead: the master then re-dispatches it, only later.
			logger.warn("Could not hand " + claim.key() + " back: " + ex.getMessage());
			return false;
		}
	}

	public String getWorkerId() {
		return this.workerId;
	}

	/**
	 * The chunks in hand (claimed and not yet finished), by job instance and chunk index; empty when idle. There are
	 * at most as many as requests handled at once (the worker's concurrency for each job it serves).
	 */
	public List<ChunkClaim> chunksInHand() {
		return this.inHand.values()
			.stream()
			.sorted(Comparator.comparingLong((ChunkClaim claim) -> claim.key().jobInstanceId())
				.thenComparingInt((claim) -> claim.key().chunkIndex()))
			.toList();
	}

	/** Requests handled (claimed) since start. */
	public long getChunksDone() {
		return this.chunksDone.get();
	}

	public List<String> getJobNames() {
		return List.copyOf(this.definitions.keySet());
	}

}
