package io.chunking.master.batch;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.chunking.support.ProcessIdentity;
import io.chunking.master.manager.ManagerSettings;

/**
 * Settings of the manager side: supervision timing, retries, slicing, and concurrency of executions.
 */
@ConfigurationProperties("chunking.master")
public class ManagerProperties {

	/** How often the supervisor reads the chunk ledger while chunks are in flight. */
	private Duration pollInterval = ManagerSettings.DEFAULTS.pollInterval();

	/** Longest an execution's partitioned step waits for its chunks before it fails. */
	private Duration timeout = ManagerSettings.DEFAULTS.timeout();

	/** Delay before the first re-dispatch of a failed chunk; doubles per attempt, with jitter. */
	private Duration retryBackoff = ManagerSettings.DEFAULTS.retryBackoff();

	/** Upper bound of the re-dispatch delay. */
	private Duration maxRetryBackoff = ManagerSettings.DEFAULTS.maxRetryBackoff();

	/** Chunks recorded in the ledger per write while slicing. */
	private int ledgerBatchSize = ManagerSettings.DEFAULTS.ledgerBatchSize();

	/** Payload segment uploads in flight at once while slicing. */
	private int uploadConcurrency = ManagerSettings.DEFAULTS.uploadConcurrency();

	/**
	 * Size of a payload segment: the master stores the payloads of consecutive chunks (at most ledger-batch-size of
	 * them) as one object of up to about this size (a chunk's payload is never split; one larger than this is stored
	 * alone), and workers read their chunk's part with a ranged GET. Fewer, larger objects make slicing cheaper; 1B
	 * stores each payload as an object of its own. At most upload-concurrency segments are held in memory while
	 * slicing.
	 */
	private DataSize payloadSegmentSize = DataSize.ofBytes(ManagerSettings.DEFAULTS.payloadSegmentBytes());

	/** Executions that may run at once on this master; further triggers wait in a queue. */
	private int maxConcurrentExecutions = 8;

	/** Id of this master, recorded as owner of the runs it executes. Defaults to host name and process id. */
	private @Nullable String id;

	/**
	 * How long this master's ownership of a running execution lasts without renewal (it renews every sixth of it).
	 * When it expires, because the master died or hung, another master recovers the execution.
	 */
	private Duration ownerLease = ManagerSettings.DEFAULTS.ownerLease();

	/**
	 * How long a pending chunk's request may go unclaimed before the supervisor suspects it was lost (dead-lettered,
	 * taken by a faulty consumer, purged) and sends it again: only as many as the job's queue lacks when the broker
	 * tells its depth, or, when it cannot, only while no chunk of the execution runs.
	 */
	private Duration redispatchAfter = ManagerSettings.DEFAULTS.redispatchAfter();

	/**
	 * How long an execution rides out the chunk ledger (MongoDB), the payload store (S3) or the broker being
	 * unreachable before it fails; the failed execution can be restarted once they are back.
	 */
	private Duration storeOutageLimit = ManagerSettings.DEFAULTS.storeOutageLimit();

	/** How often the master looks for executions whose master was lost, to recover them. */
	private Duration recoveryInterval = Duration.ofSeconds(10);

	/**
	 * On shutdown (SIGTERM), how long the master waits for the executions it runs to end and be handed over to
	 * another master (or to itself once restarted). An execution that takes longer keeps its ownership until its
	 * lease expires, and is then recovered like the execution of a lost master.
	 */
	private Duration shutdownGrace = Duration.ofSeconds(30);

	private @Nullable String resolvedId;

	public ManagerSettings toSettings() {
		return new ManagerSettings(this.pollInterval, this.timeout, this.retryBackoff, this.maxRetryBackoff,
				this.ledgerBatchSize, this.uploadConcurrency, segmentBytes(), resolveId(), this.ownerLease,
				this.redispatchAfter, this.storeOutageLimit);
	}

	private int segmentBytes() {
		if (this.payloadSegmentSize.toBytes() < 1 || this.payloadSegmentSize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(
					"chunking.master.payload-segment-size must be between 1B and 2047MB, was " + this.payloadSegmentSize);
		}
		return (int) this.payloadSegmentSize.toBytes();
	}

	/** This master's id: the configured one, or host name, process id and a random suffix. */
	public synchronized String resolveId() {
		if (this.resolvedId == null) {
			this.resolvedId = (this.id != null && !this.id.isBlank()) ? this.id
					: ProcessIdentity.hostAndPid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		}
		return this.resolvedId;
	}

	public @Nullable String getId() {
		return this.id;
	}

	public void setId(@Nullable String id) {
		this.id = id;
	}

	public Duration getOwnerLease() {
		return this.ownerLease;
	}

	public void setOwnerLease(Duration ownerLease) {
		this.ownerLease = ownerLease;
	}

	public Duration getRedispatchAfter() {
		return this.redispatchAfter;
	}

	public void setRedispatchAfter(Duration redispatchAfter) {
		this.redispatchAfter = redispatchAfter;
	}

	public Duration getStoreOutageLimit() {
		return this.storeOutageLimit;
	}

	public void setStoreOutageLimit(Duration storeOutageLimit) {
		this.storeOutageLimit = storeOutageLimit;
	}

	public Duration getRecoveryInterval() {
		return this.recoveryInterval;
	}

	public void setRecoveryInterval(Duration recoveryInterval) {
		this.recoveryInterval = recoveryInterval;
	}

	public Duration getShutdownGrace() {
		return this.shutdownGrace;
	}

	public void setShutdownGrace(Duration shutdownGrace) {
		this.shutdownGrace = shutdownGrace;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getRetryBackoff() {
		return this.retryBackoff;
	}

	public void setRetryBackoff(Duration retryBackoff) {
		this.retryBackoff = retryBackoff;
	}

	public Duration getMaxRetryBackoff() {
		return this.maxRetryBackoff;
	}

	public void setMaxRetryBackoff(Duration maxRetryBackoff) {
		this.maxRetryBackoff = maxRetryBackoff;
	}

	public int getLedgerBatchSize() {
		return this.ledgerBatchSize;
	}

	public void setLedgerBatchSize(int ledgerBatchSize) {
		this.ledgerBatchSize = ledgerBatchSize;
	}

	public int getUploadConcurrency() {
		return this.uploadConcurrency;
	}

	public void setUploadConcurrency(int uploadConcurrency) {
		this.uploadConcurrency = uploadConcurrency;
	}

	public DataSize getPayloadSegmentSize() {
		return this.payloadSegmentSize;
	}

	public void setPayloadSegmentSize(DataSize payloadSegmentSize) {
		this.payloadSegmentSize = payloadSegmentSize;
	}

	public int getMaxConcurrentExecutions() {
		return this.maxConcurrentExecutions;
	}

	public void setMaxConcurrentExecutions(int maxConcurrentExecutions) {
		this.maxConcurrentExecutions = maxConcurrentExecutions;
	}

}
