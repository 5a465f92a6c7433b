package io.chunking.master.manager;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.Assert;

/**
 * Raised when this master hands the executions it runs over to other masters, because it shuts down. The steps of
 * a chunked job look at it whenever they renew their ownership of the run (the partition handler on every poll,
 * slicing after every ledger batch, aggregation between merges) and end with
 * {@link MasterHandoverException}; an execution that has not started yet ends the same way as soon as it starts.
 * The execution is then recorded {@code FAILED} with exit code {@value ManagerSettings#MASTER_HANDOVER}, and the
 * next master restarts it where it stopped.
 */
public final class HandoverSignal {

	private final String masterId;

	private final Set<Long> handedOver = ConcurrentHashMap.newKeySet();

	/**
	 * Most settled executions remembered. Only executions still running when the signal is raised are ever asked
	 * about, at most {@code max-concurrent-executions} of them, each settled moments before it is asked about; the
	 * bound keeps a master that runs frequent jobs for months from remembering every execution it ever ran.
	 */
	static final int SETTLED_REMEMBERED = 4096;

	private final Set<Long> settled = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
			return size() > SETTLED_REMEMBERED;
		}
	}));

	private volatile boolean raised;

	/**
	 * @param masterId id of this master, named in the exit description of the executions it hands over
	 */
	public HandoverSignal(String masterId) {
		Assert.hasText(masterId, "masterId must not be empty");
		this.masterId = masterId;
	}

	/** Asks every execution of this master to end and be handed over. Cannot be undone. */
	public void raise() {
		this.raised = true;
	}

	public boolean isRaised() {
		return this.raised;
	}

	/**
	 * Whether the execution ended handed over: its job was told to record it with exit code
	 * {@value ManagerSettings#MASTER_HANDOVER} (the job repository has it once the job's last update is done).
	 */
	public boolean isHandedOver(long jobExecutionId) {
		return this.handedOver.contains(jobExecutionId);
	}

	void handedOver(long jobExecutionId) {
		this.handedOver.add(jobExecutionId);
	}

	/**
	 * Whether the job has decided how the execution ends (its after-job listener has run): only then does
	 * {@link #isHandedOver} answer for it. Before, the job repository may already show the execution ended with the
	 * step's exit code, although the job is about to record it handed over.
	 */
	public boolean isSettled(long jobExecutionId) {
		return this.settled.contains(jobExecutionId);
	}

	void settled(long jobExecutionId) {
		this.settled.add(jobExecutionId);
	}

	public String getMasterId() {
		return this.masterId;
	}

	/**
	 * @throws MasterHandoverException naming the execution and this master if the signal is raised
	 */
	void check(long jobExecutionId) {
		if (this.raised) {
			throw new MasterHandoverException("Master " + this.masterId + " handed execution " + jobExecutionId
					+ " over because it shut down; the next master restarts it where it stopped");
		}
	}

}
