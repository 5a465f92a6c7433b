package io.chunking.master.batch;

import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.manager.RunParameters;
import io.chunking.master.recovery.LocalExecutions;

/**
 * Starts executions of chunked jobs: validates the parameters against the definition and against the widths of the
 * job repository's parameter columns first (nothing is written for a rejected request), then launches
 * asynchronously.
 */
@Component
public class ExecutionLauncher {

	private final JobCatalog catalog;

	private final JobOperator jobOperator;

	private final LocalExecutions local;

	private final JobParameterColumns columns;

	ExecutionLauncher(JobCatalog catalog, JobOperator jobOperator, LocalExecutions local,
			JobParameterColumns columns) {
		this.catalog = catalog;
		this.jobOperator = jobOperator;
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
		ChunkedJobDefinition<?, ?> definition = this.catalog.definition(jobName);
		JobArguments arguments = definition.validate(parameters);
		JobParameters jobParameters = RunParameters.of(arguments, frameworkParameters);
		this.columns.check(jobParameters);
		JobExecution execution = this.local
			.start(() -> this.jobOperator.start(this.catalog.job(jobName), jobParameters));
		return execution.getId();
	}

}
