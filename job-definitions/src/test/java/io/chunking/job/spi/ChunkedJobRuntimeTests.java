package io.chunking.job.spi;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.JobSchedule;

class ChunkedJobRuntimeTests {

	@Test
	void definitionNotBuiltWithTheBuilderCannotBeRun() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChunkedJobRuntime.of(new HandMade()))
			.withMessage("Job definition 'hand-made' (" + HandMade.class.getName() + ") cannot be run: build it with "
					+ "ChunkedJob.named(..) or implement io.chunking.job.spi.ChunkedJobRuntime");
	}

	static final class HandMade implements ChunkedJobDefinition<String, String> {

		@Override
		public String getName() {
			return "hand-made";
		}

		@Override
		public String getDescription() {
			return "";
		}

		@Override
		public List<JobParameterSpec> getParameters() {
			return List.of();
		}

		@Override
		public Optional<JobSchedule> getSchedule() {
			return Optional.empty();
		}

		@Override
		public JobArguments validate(Map<String, String> given) {
			return JobArguments.validate(List.of(), given);
		}

	}

}
