package io.chunking.master.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;
import io.chunking.master.batch.ExecutionLauncher;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.schedule.ScheduleCatalog;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Named jobs: what can be run, and running it.
 */
@RestController
@RequestMapping("/api/jobs")
class JobsController {

	private final JobCatalog catalog;

	private final ExecutionLauncher launcher;

	private final JobRepository jobRepository;

	private final ScheduleCatalog schedules;

	JobsController(JobCatalog catalog, ExecutionLauncher launcher, JobRepository jobRepository,
			ScheduleCatalog schedules) {
		this.catalog = catalog;
		this.launcher = launcher;
		this.jobRepository = jobRepository;
		this.schedules = schedules;
	}

	record ParameterView(String name, String type, @Nullable String defaultValue, boolean required, String description,
			@Nullable Double min, @Nullable Double max) {

		static ParameterView of(JobParameterSpec spec) {
			return new ParameterView(spec.name(), spec.type().name(), spec.defaultValue(), spec.required(),
					spec.description(), spec.min(), spec.max());
		}

	}

	record LastExecution(long id, String status, @Nullable Object startTime, @Nullable Object endTime) {
	}

	record JobView(String name, String description, List<ParameterView> parameters, @Nullable String schedule,
			@Nullable LastExecution lastExecution) {
	}

	/**
	 * @param parameters job parameters by name; none (an empty body, {@code {}}) runs with every default
	 * @param unknown any other top-level field of the body, refused: a misspelt {@code parameters} must not run
	 * with the defaults
	 */
	record TriggerRequest(@Nullable Map<String, @Nullable Object> parameters,
			@JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) {
	}

	record TriggerResponse(long executionId) {
	}

	@GetMapping
	List<JobView> jobs() {
		return this.catalog.definitions().stream().map(this::view).toList();
	}

	@PostMapping("/{jobName}/executions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	TriggerResponse trigger(@PathVariable String jobName, @RequestBody(required = false) TriggerRequest request)
			throws Exception {
		if (request != null && request.unknown() != null && !request.unknown().isEmpty()) {
			throw new InvalidRequestException("Unknown field" + ((request.unknown().size() > 1) ? "s " : " ")
					+ String.join(", ", request.unknown().keySet().stream().map((name) -> "'" + name + "'").toList())
					+ " in the request body; it takes {\"parameters\": {\"name\": \"value\"}} only (an empty body or "
					+ "{} runs with every default)");
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		if (request != null && request.parameters() != null) {
			request.parameters().forEach((name, value) -> {
				if (value == null || value instanceof Map || value instanceof List) {
					throw new InvalidRequestException(
							"Parameter '" + name + "' must be a string or a number, was " + value);
				}
				parameters.put(name, value.toString());
			});
		}
		return new TriggerResponse(this.launcher.launch(jobName, parameters, Map.of()));
	}

	private JobView view(ChunkedJobDefinition<?, ?> definition) {
		List<ParameterView> parameters = definition.getParameters().stream().map(ParameterView::of).toList();
		return new JobView(definition.getName(), definition.getDescription(), parameters,
				this.schedules.cronOf(definition.getName()),
				lastExecution(definition.getName()));
	}

	private @Nullable LastExecution lastExecution(String jobName) {
		JobInstance instance = this.jobRepository.getLastJobInstance(jobName);
		if (instance == null) {
			return null;
		}
		JobExecution execution = this.jobRepository.getLastJobExecution(instance);
		if (execution == null) {
			return null;
		}
		return new LastExecution(execution.getId(), execution.getStatus().name(), execution.getStartTime(),
				execution.getEndTime());
	}

}
