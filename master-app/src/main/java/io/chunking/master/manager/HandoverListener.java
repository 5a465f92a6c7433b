package io.chunking.master.manager;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

import io.chunking.store.ChunkLedger;

/**
 * Records how an execution ends when its master hands it over ({@link HandoverSignal}): an execution that has not
 * started yet does not start, and one that fails while the signal is raised (with {@link MasterHandoverException},
 * or with whatever interrupted it during the shutdown) is recorded {@code FAILED} with exit code
 * {@value ManagerSettings#MASTER_HANDOVER}, so that the next master restarts it. An execution that an operator was
 * stopping is recorded {@code STOPPED} instead, with its chunks not started held: a handover never turns a stop
 * request into a run that goes on.
 */
final class HandoverListener implements JobExecutionListener {

	private static final Log logger = LogFactory.getLog(HandoverListener.class);

	private final HandoverSignal handover;

	private final JobRepository jobRepository;

	private final ChunkLedger ledger;

	HandoverListener(HandoverSignal handover, JobRepository jobRepository, ChunkLedger ledger) {
		this.handover = handover;
		this.jobRepository = jobRepository;
		this.ledger = ledger;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.handover.check(execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			decide(execution);
		}
		finally {
			this.handover.settled(execution.getId());
		}
	}

	private void decide(JobExecution execution) {
		if (!this.handover.isRaised() || execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		String master = this.handover.getMasterId();
		JobExecution stored = this.jobRepository.getJobExecution(execution.getId());
		if (stored != null && stored.getStatus() == BatchStatus.STOPPING) {
			this.ledger.hold(execution.getJobInstanceId());
			execution.setStatus(BatchStatus.STOPPED);
			execution.setExitStatus(new ExitStatus(ExitStatus.STOPPED.getExitCode(), "Master " + master
					+ " shut down while this execution was stopping; restart it to finish the run"));
			logger.info("Execution " + execution.getId() + " was stopping when master " + master
					+ " shut down: recorded STOPPED");
			return;
		}
		execution.setExitStatus(new ExitStatus(ManagerSettings.MASTER_HANDOVER, description(execution, master)));
		this.handover.handedOver(execution.getId());
		logger.info("Execution " + execution.getId() + " is handed over: recorded FAILED with exit code "
				+ ManagerSettings.MASTER_HANDOVER);
	}

	private static String description(JobExecution execution, String master) {
		@Nullable Throwable cause = null;
		for (Throwable failure : execution.getAllFailureExceptions()) {
			if (failure instanceof MasterHandoverException) {
				return failure.getMessage();
			}
			cause = (cause != null) ? cause : failure;
		}
		return "Master " + master + " handed execution " + execution.getId() + " over because it shut down (it ended "
				+ "with " + cause + "); the next master restarts it where it stopped";
	}

}
