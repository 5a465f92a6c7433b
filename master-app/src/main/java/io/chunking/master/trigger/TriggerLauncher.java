package io.chunking.master.trigger;

import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import io.chunking.master.batch.ExecutionLauncher;
import io.chunking.master.batch.ExecutionQueries;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.manager.RunParameters;

/**
 * Launches the execution of a trigger once per idempotency key: through {@link ExecutionLauncher#launchOnce} with a
 * run id derived from the key, after checking that the key has not started an execution of the job with other
 * parameters (which would be another job instance, so launchOnce would start it).
 */
class TriggerLauncher {

	private final ExecutionLauncher launcher;

	private final JobCatalog catalog;

	private final JobRepository jobRepository;

	private final ExecutionQueries queries;

	TriggerLauncher(ExecutionLauncher launcher, JobCatalog catalog, JobRepository jobRepository,
			ExecutionQueries queries) {
		this.launcher = launcher;
		this.catalog = catalog;
		this.jobRepository = jobRepository;
		this.queries = queries;
	}

	/**
	 * @throws io.chunking.master.batch.NoSuchChunkedJobException if no job has that name
	 * @throws io.chunking.job.InvalidJobArgumentsException naming the parameter that is wrong
	 * @throws InvalidTriggerException if the key started an execution of the job with other parameters
	 * @throws Exception any other failure, which may pass (the job repository away, the master shutting down,
	 * another master launching the same trigger)
	 */
	ExecutionLauncher.Launch launch(TriggerRequest request) throws Exception {
		Map<String, String> arguments = this.catalog.definition(request.job()).validate(request.parameters()).asStrings();
		for (long executionId : this.queries.latestExecutionsWithRunId(request.job(), request.runId())) {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			Map<String, String> used = (execution != null) ? RunParameters.arguments(execution.getJobParameters())
					: arguments;
			if (!used.equals(arguments)) {
				throw new InvalidTriggerException(InvalidTriggerException.KEY_CONFLICT, "Idempotency key '"
						+ request.idempotencyKey() + "' started execution " + executionId + " of " + request.job()
						+ " with the parameters " + used + ", not " + arguments + "; a key starts one execution: send "
						+ "other parameters with a key of their own");
			}
		}
		return this.launcher.launchOnce(request.job(), request.parameters(),
				Map.of(RunParameters.RUN_ID, request.runId()));
	}

}
