package io.chunking.master.manager;

import java.util.Set;

import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

/**
 * Names the worker step of a chunked job's partitioned step. Its partitions are the chunks of the ledger, created
 * by the slice step; no step execution is created per partition, so {@link #split} is never called.
 */
final class LedgerStepExecutionSplitter implements StepExecutionSplitter {

	private final String workerStepName;

	LedgerStepExecutionSplitter(String workerStepName) {
		this.workerStepName = workerStepName;
	}

	@Override
	public String getStepName() {
		return this.workerStepName;
	}

	@Override
	public Set<StepExecution> split(StepExecution stepExecution, int gridSize) {
		throw new UnsupportedOperationException("The partitions of step '" + stepExecution.getStepName()
				+ "' are the chunks in the chunk ledger; they have no step executions of their own");
	}

}
