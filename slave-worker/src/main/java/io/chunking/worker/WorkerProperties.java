package io.chunking.worker;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import io.chunking.support.ProcessIdentity;
import io.chunking.worker.chunk.WorkerSettings;

/**
 * Settings of a worker process.
 */
@ConfigurationProperties("chunking.worker")
public class WorkerProperties {

	/** Id of this worker in the ledger and the worker registry. Defaults to host name and process id. */
	private @Nullable String id;

	/**
	 * Chunks processed at once per job (JMS consumers per job queue); each is claimed, leased, reported in the
	 * heartbeat and handed back on shutdown on its own.
	 */
	private int concurrency = 1;

	/** How long a claim holds without renewal; a worker silent for longer loses its chunk to another. */
	private Duration lease = WorkerSettings.DEFAULTS.lease();

	/** How often a held lease is renewed. */
	private Duration renewInterval = WorkerSettings.DEFAULTS.renewInterval();

	/** Items per Spring Batch chunk (transaction) inside one chunk attempt. */
	private int commitInterval = WorkerSettings.DEFAULTS.commitInterval();

	/**
	 * How long a store call for a chunk in hand (claim, payload, result, completion) is retried while the ledger or
	 * the payload store cannot be reached; after that the attempt is given up. Independently, a worker whose stores
	 * have been unreachable for longer than its lease stops taking chunk requests until they answer again.
	 */
	private Duration storeOutageLimit = WorkerSettings.DEFAULTS.storeOutageLimit();

	/** How often the worker sends a heartbeat to the worker registry. */
	private Duration heartbeatInterval = Duration.ofSeconds(5);

	/**
	 * On shutdown (SIGTERM), how long to wait for the chunks in hand to finish; those still in hand after that are
	 * handed back to be re-dispatched.
	 */
	private Duration shutdownGrace = Duration.ofSeconds(30);

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getStoreOutageLimit() {
		return this.storeOutageLimit;
	}

	public void setStoreOutageLimit(Duration storeOutageLimit) {
		this.storeOutageLimit = storeOutageLimit;
	}

	public Duration getShutdownGrace() {
		return this.shutdownGrace;
	}

	public void setShutdownGrace(Duration shutdownGrace) {
		this.shutdownGrace = shutdownGrace;
	}

	public WorkerSettings toSettings() {
		return new WorkerSettings(this.lease, this.renewInterval, this.commitInterval, this.storeOutageLimit);
	}

	public String resolveId() {
		if (this.id != null && !this.id.isBlank()) {
			return this.id;
		}
		return ProcessIdentity.hostAndPid();
	}

	public @Nullable String getId() {
		return this.id;
	}

	public void setId(@Nullable String id) {
		this.id = id;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public Duration getRenewInterval() {
		return this.renewInterval;
	}

	public void setRenewInterval(Duration renewInterval) {
		this.renewInterval = renewInterval;
	}

	public int getCommitInterval() {
		return this.commitInterval;
	}

	public void setCommitInterval(int commitInterval) {
		this.commitInterval = commitInterval;
	}

}
