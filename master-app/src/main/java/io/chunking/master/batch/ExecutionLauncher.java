package io.chunking.master.batch;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.master.manager.RunParameters;
import io.chunking.master.recovery.LocalExecutions;

/**
 * Starts executions of chunked jobs: validates the parameters against the definition first (nothing starts on a
 * rejected request), then launches asynchronously.
 */
@Component
public class ExecutionLauncher {

	private final JobCatalog catalog;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final LocalExecutions local;

	private final JobParameterColumns columns;

	ExecutionLauncher(JobCatalog catalog, JobOperator jobOperator, JobRepository jobRepository,
			LocalExecutions local, JobParameterColumns columns) {
		this.catalog = catalog;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.local = local;
		this.columns = columns;
	}

	/**
	 * @return the id of the new execution
	 * @throws NoSuchChunkedJobException if no job has that name
	 * @throws io.chunking.job.InvalidJobArgumentsException naming the parameter that is wrong or too long to store
	 * @throws io.chunking.master.recovery.MasterShuttingDownException if this master is shutting down
	 */
	public long launch(String jobName, Map<String, String> parameters, Map<String, String> frameworkParameters)
			throws Exception {
		return start(jobName, jobParameters(jobName, parameters, frameworkParameters));
	}

	/**
	 * Launches the job instance that {@code frameworkParameters} identify with their
	 * {@value RunParameters#RUN_ID}, unless it exists already: launching it again (after a master died between the
	 * launch and recording it) finds the execution started the first time instead of starting another.
	 * @throws IllegalStateException if the instance exists but has no execution yet (another master is creating
	 * it): try again later
	 */
	public Launch launchOnce(String jobName, Map<String, String> parameters, Map<String, String> frameworkParameters)
			throws Exception {
		Assert.isTrue(frameworkParameters.containsKey(RunParameters.RUN_ID),
				"frameworkParameters must have a " + RunParameters.RUN_ID + " to launch once");
		JobParameters jobParameters = jobParameters(jobName, parameters, frameworkParameters);
		Launch existing = existing(jobName, jobParameters);
		if (existing != null) {
			return existing;
		}
		try {
			return new Launch(start(jobName, jobParameters), true);
		}
		catch (Exception ex) {
			// Another master created the instance meanwhile (already running or complete, or a duplicate key).
			existing = existing(jobName, jobParameters);
			if (existing != null) {
				return existing;
			}
			throw ex;
		}
	}

	private long start(String jobName, JobParameters jobParameters) throws Exception {
		return this.local.start(() -> this.jobOperator.start(this.catalog.job(jobName), jobParameters)).getId();
	}

	private @Nullable Launch existing(String jobName, JobParameters jobParameters) {
		JobInstance instance = this.jobRepository.getJobInstance(jobName, jobParameters);
		if (instance == null) {
			return null;
		}
		JobExecution last = this.jobRepository.getLastJobExecution(instance);
		if (last == null) {
			throw new IllegalStateException("Job instance " + instance.getInstanceId() + " of " + jobName
					+ " exists but has no execution yet: another master is launching it");
		}
		return new Launch(last.getId(), false);
	}

	private JobParameters jobParameters(String jobName, Map<String, String> parameters,
			Map<String, String> frameworkParameters) {
		ChunkedJobDefinition<?, ?> definition = this.catalog.definition(jobName);
		JobArguments arguments = definition.validate(parameters);
		JobParameters jobParameters = RunParameters.of(arguments, frameworkParameters);
		this.columns.check(jobParameters);
		return jobParameters;
	}

	/**
	 * An execution launched by {@link #launchOnce}.
	 * @param executionId the execution
	 * @param started whether this call started it ({@code false}: it had been launched before)
	 */
	public record Launch(long executionId, boolean started) {
	}

}
