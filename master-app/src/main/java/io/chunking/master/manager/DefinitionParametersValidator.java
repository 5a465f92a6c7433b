package io.chunking.master.manager;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.InvalidJobArgumentsException;

/**
 * Validates job parameters against the definition's declared parameters, whatever started the job.
 */
final class DefinitionParametersValidator implements JobParametersValidator {

	private final ChunkedJobDefinition<?, ?> definition;

	DefinitionParametersValidator(ChunkedJobDefinition<?, ?> definition) {
		this.definition = definition;
	}

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		try {
			this.definition.validate(RunParameters.arguments(parameters));
		}
		catch (InvalidJobArgumentsException ex) {
			throw new InvalidJobParametersException("Job '" + this.definition.getName() + "': " + ex.getMessage());
		}
	}

}
