package io.chunking.master.manager;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Gives a stopped execution an exit description that says how far it got. Spring Batch describes a stop only by
 * the name of its exception; the partition handler leaves the real description in the stopped step's context.
 */
final class StopDescriptionListener implements JobExecutionListener {

	/** Step execution context key of the description. */
	static final String KEY = "chunking.stop-description";

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.STOPPED) {
			return;
		}
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.STOPPED && step.getExecutionContext().containsKey(KEY)) {
				execution.setExitStatus(
						new ExitStatus(ExitStatus.STOPPED.getExitCode(), step.getExecutionContext().getString(KEY)));
			}
		}
	}

}
