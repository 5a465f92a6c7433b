package io.chunking.master.manager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import io.chunking.job.JobArguments;

/**
 * Mapping between a run's validated arguments and Spring Batch job parameters. Every argument becomes an
 * identifying string parameter; a {@value #RUN_ID} parameter makes each trigger a new job instance (random, unless
 * the caller gives one: a schedule derives it from its name and fire time, so that launching one fire time twice
 * finds the same job instance), and keys that start with {@value #FRAMEWORK_PREFIX} (the run id, a schedule's fire
 * time) are not job arguments.
 */
public final class RunParameters {

	/** Prefix of parameters that the framework adds. */
	public static final String FRAMEWORK_PREFIX = "chunking.";

	/** Identifying parameter that makes every trigger a new job instance. */
	public static final String RUN_ID = FRAMEWORK_PREFIX + "run-id";

	private RunParameters() {
	}

	public static JobParameters of(JobArguments arguments) {
		return of(arguments, Map.of());
	}

	/**
	 * @param extra framework parameters (keys starting with {@value #FRAMEWORK_PREFIX}) to add; a random
	 * {@value #RUN_ID} is added unless they have one
	 */
	public static JobParameters of(JobArguments arguments, Map<String, String> extra) {
		JobParametersBuilder builder = new JobParametersBuilder();
		arguments.asStrings().forEach(builder::addString);
		extra.forEach(builder::addString);
		if (!extra.containsKey(RUN_ID)) {
			builder.addString(RUN_ID, UUID.randomUUID().toString());
		}
		return builder.toJobParameters();
	}

	/** The job arguments among {@code parameters}, as strings. */
	public static Map<String, String> arguments(JobParameters parameters) {
		Map<String, String> arguments = new LinkedHashMap<>();
		for (JobParameter<?> parameter : parameters.parameters()) {
			if (!parameter.name().startsWith(FRAMEWORK_PREFIX)) {
				arguments.put(parameter.name(), String.valueOf(parameter.value()));
			}
		}
		return arguments;
	}

}
