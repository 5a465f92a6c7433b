package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.protocol.ChunkRequest;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.store.ChunkCounts;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkStatus;
import io.chunking.store.UnclaimedChunk;

/**
 * Finds pending chunks whose request never reached a worker, and sends it again. A request can be lost after it
 * was sent: dead-lettered after its delivery attempts, taken by a faulty consumer, purged by an operator, lost by a
 * broker. Nothing in the ledger shows it; a pending chunk whose request was sent more than
 * {@code redispatchAfter} ago is only a suspect, because its request may simply wait behind others while the
 * workers are busy. So, for one execution:
 * <ul>
 * <li>a pending chunk whose request was never sent (the broker was down at the time) is always sent;</li>
 * <li>when the broker tells how many requests are in the job's queue, those being delivered included, the queue
 * lacks about {@code pending + running - queued} requests (a running chunk's request stays in the queue until its
 * worker acknowledges it, after completing the chunk): that many suspects are sent again, least recently dispatched
 * first (the queue is first-in first-out, so the oldest unclaimed requests are the ones that went missing);</li>
 * <li>when the broker cannot tell, suspects are sent again only if no chunk of the execution is running and none
 * changed status for {@code redispatchAfter}: the workers are idle while chunks wait.</li>
 * </ul>
 * A chunk sent again waits twice as long before it is suspected once more (up to 64 times), so even a wrong guess
 * never floods the queue. A duplicate request is harmless: the claim succeeds once, later copies are ignored.
 */
final class UnclaimedRequests {

	private static final Log logger = LogFactory.getLog(UnclaimedRequests.class);

	/** Most suspects looked at per check. */
	static final int MAX_PER_CHECK = 10_000;

	/** A check comes at least this many times the duration of its read of the pending chunks after the last. */
	private static final int READS_PER_CHECK_INTERVAL = 10;

	/** Requests sent per dispatch call. */
	private static final int BATCH = 500;

	/** Longest factor by which the wait before suspecting a chunk again grows. */
	private static final int MAX_BACKOFF_FACTOR = 64;

	/** Chunk indexes named in a log line at most. */
	private static final int LOGGED = 20;

	private final String jobName;

	private final long instanceId;

	private final long executionId;

	private final ChunkLedger ledger;

	private final ChunkDispatcher dispatcher;

	private final ChunkMetrics metrics;

	private final Duration redispatchAfter;

	private final Duration checkInterval;

	private Instant nextCheck;

	private @Nullable ChunkCounts lastCounts;

	private Instant lastChange;

	UnclaimedRequests(String jobName, long instanceId, long executionId, ChunkLedger ledger,
			ChunkDispatcher dispatcher, ChunkMetrics metrics, Duration redispatchAfter, Duration pollInterval,
			Instant now) {
		this.jobName = jobName;
		this.instanceId = instanceId;
		this.executionId = executionId;
		this.ledger = ledger;
		this.dispatcher = dispatcher;
		this.metrics = metrics;
		this.redispatchAfter = redispatchAfter;
		Duration third = redispatchAfter.dividedBy(3);
		this.checkInterval = (third.compareTo(pollInterval) > 0) ? third : pollInterval;
		this.nextCheck = now.plus(this.checkInterval);
		this.lastChange = now;
	}

	/**
	 * Notes the execution's chunk counts of this poll and, at most every third of {@code redispatchAfter} (or ten
	 * times as long as reading the pending chunks took, if longer), sends again the requests that went missing.
	 * @return how many requests were sent again
	 */
	int check(ChunkCounts counts, Instant now) {
		if (!counts.equals(this.lastCounts)) {
			this.lastCounts = counts;
			this.lastChange = now;
		}
		if (now.isBefore(this.nextCheck) || counts.get(ChunkStatus.PENDING) == 0) {
			return 0;
		}
		long started = System.nanoTime();
		List<UnclaimedChunk> unclaimed = this.ledger.unclaimed(this.instanceId, now.minus(this.redispatchAfter),
				MAX_PER_CHECK);
		// Reading the pending chunks costs more as they grow (a second or more at 100,000 on the embedded server,
		// which serves nothing else meanwhile): checks come at most once per ten such reads.
		Duration read = Duration.ofNanos(System.nanoTime() - started);
		Duration spaced = read.multipliedBy(READS_PER_CHECK_INTERVAL);
		this.nextCheck = now.plus((spaced.compareTo(this.checkInterval) > 0) ? spaced : this.checkInterval);
		List<UnclaimedChunk> neverSent = new ArrayList<>();
		List<UnclaimedChunk> suspects = new ArrayList<>();
		for (UnclaimedChunk chunk : unclaimed) {
			if (chunk.dispatchedAt() == null) {
				neverSent.add(chunk);
			}
			else if (!chunk.dispatchedAt().plus(waitBeforeSuspecting(chunk)).isAfter(now)) {
				suspects.add(chunk);
			}
		}
		OptionalLong queued = this.dispatcher.queued(this.jobName);
		if (queued.isPresent()) {
			// Counted after the queue was read: a chunk that completes in between (its request leaves the queue) can
			// only make the estimate of missing requests smaller, never larger.
			counts = this.ledger.count(this.instanceId);
		}
		long missing = missing(counts, queued, neverSent.size(), now);
		List<UnclaimedChunk> resend = new ArrayList<>(neverSent);
		resend.addAll(suspects.subList(0, (int) Math.min(suspects.size(), missing)));
		if (resend.isEmpty()) {
			return 0;
		}
		send(resend, now);
		logger.warn("Execution " + this.executionId + ": sent again the requests of " + resend.size()
				+ " pending chunks nobody claimed (" + neverSent.size() + " never sent; "
				+ (queued.isPresent() ? queued.getAsLong() + " requests queued for "
						+ counts.get(ChunkStatus.PENDING) + " pending and " + counts.get(ChunkStatus.RUNNING)
						+ " running chunks"
						: "queue depth unknown, workers idle for " + Duration.between(this.lastChange, now).toSeconds()
								+ " s")
				+ "): chunks " + indexes(resend));
		this.metrics.redispatched(this.jobName, resend.size());
		return resend.size();
	}

	/** How many suspects lack a request, beyond the chunks never sent. */
	private long missing(ChunkCounts counts, OptionalLong queued, int neverSent, Instant now) {
		if (queued.isPresent()) {
			return Math.max(0, counts.get(ChunkStatus.PENDING) + counts.get(ChunkStatus.RUNNING) - queued.getAsLong()
					- neverSent);
		}
		boolean idle = counts.get(ChunkStatus.RUNNING) == 0
				&& !this.lastChange.plus(this.redispatchAfter).isAfter(now);
		return idle ? Long.MAX_VALUE : 0;
	}

	private Duration waitBeforeSuspecting(UnclaimedChunk chunk) {
		int factor = 1 << Math.min(Math.max(chunk.dispatches() - 1, 0), 6);
		return this.redispatchAfter.multipliedBy(Math.min(factor, MAX_BACKOFF_FACTOR));
	}

	private void send(List<UnclaimedChunk> chunks, Instant now) {
		for (int from = 0; from < chunks.size(); from += BATCH) {
			List<UnclaimedChunk> batch = chunks.subList(from, Math.min(from + BATCH, chunks.size()));
			this.dispatcher.dispatch(batch.stream()
				.map((chunk) -> ChunkRequest.of(this.jobName, this.executionId, chunk.key()))
				.toList());
			this.ledger.dispatched(this.instanceId, batch.stream().map((chunk) -> chunk.key().chunkIndex()).toList(),
					now);
		}
	}

	private static String indexes(List<UnclaimedChunk> chunks) {
		List<Integer> named = chunks.stream().limit(LOGGED).map((chunk) -> chunk.key().chunkIndex()).toList();
		String list = named.toString();
		return (chunks.size() > LOGGED) ? list + " and " + (chunks.size() - LOGGED) + " more" : list;
	}

}
