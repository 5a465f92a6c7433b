package io.chunking.master.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.InvalidJobArgumentsException;
import io.chunking.job.JobSchedule;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.batch.NoSuchChunkedJobException;

/**
 * Every schedule this master knows: those declared on job definitions and those in {@code chunking.schedules}
 * (which replace a definition's schedule of the same name). Each is checked at start-up, so a wrong cron
 * expression, zone, job name or parameter fails the start naming the property, instead of never firing.
 */
public class ScheduleCatalog {

	private final Map<String, Schedule> schedules = new LinkedHashMap<>();

	/** The jobs that declare {@link JobSchedule#FIRE_TIME_PARAMETER}. */
	private final Set<String> takingFireTime = new HashSet<>();

	ScheduleCatalog(SchedulerProperties properties, JobCatalog jobs) {
		for (ChunkedJobDefinition<?, ?> definition : jobs.definitions()) {
			if (definition.getParameters()
				.stream()
				.anyMatch((spec) -> spec.name().equals(JobSchedule.FIRE_TIME_PARAMETER))) {
				this.takingFireTime.add(definition.getName());
			}
			Optional<JobSchedule> declared = definition.getSchedule();
			declared.ifPresent((schedule) -> this.schedules.put(definition.getName(),
					new Schedule(definition.getName(), definition.getName(), schedule.cron(), schedule.zone(),
							Map.of(), MisfirePolicy.RUN_ONCE, "definition")));
		}
		List<SchedulerProperties.ScheduleEntry> entries = properties.getSchedules();
		Map<String, Schedule> configured = new LinkedHashMap<>();
		for (int i = 0; i < entries.size(); i++) {
			Schedule schedule = validate(entries.get(i), "chunking.schedules[" + i + "]", jobs);
			if (configured.putIfAbsent(schedule.name(), schedule) != null) {
				throw new IllegalStateException("chunking.schedules[" + i + "]: a schedule named '" + schedule.name()
						+ "' is configured twice; give each a distinct 'name'");
			}
		}
		this.schedules.putAll(configured);
	}

	private static Schedule validate(SchedulerProperties.ScheduleEntry entry, String where, JobCatalog jobs) {
		if (entry.getJob() == null || entry.getJob().isBlank()) {
			throw new IllegalStateException(where + ".job must name the job to start");
		}
		ChunkedJobDefinition<?, ?> definition;
		try {
			definition = jobs.definition(entry.getJob());
		}
		catch (NoSuchChunkedJobException ex) {
			throw new IllegalStateException(where + ".job: " + ex.getMessage(), ex);
		}
		if (entry.getCron() == null || !CronExpression.isValidExpression(entry.getCron())) {
			throw new IllegalStateException(where + ".cron '" + entry.getCron() + "' is not a valid cron expression "
					+ "(six fields: second minute hour day-of-month month day-of-week, e.g. '0 0 2 * * *')");
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(entry.getZone());
		}
		catch (DateTimeException ex) {
			throw new IllegalStateException(where + ".zone '" + entry.getZone() + "' is not a time zone id", ex);
		}
		try {
			definition.validate(entry.getParameters());
		}
		catch (InvalidJobArgumentsException ex) {
			throw new IllegalStateException(where + ".parameters: " + ex.getMessage(), ex);
		}
		String name = (entry.getName() != null && !entry.getName().isBlank()) ? entry.getName() : entry.getJob();
		return new Schedule(name, entry.getJob(), entry.getCron(), zone, Map.copyOf(entry.getParameters()),
				entry.getMisfirePolicy(), "configuration");
	}

	/**
	 * The job parameters of the execution {@code schedule} starts for {@code fireTime}: its own, and the fire time
	 * in its zone as {@link JobSchedule#FIRE_TIME_PARAMETER} if the job declares that parameter and the schedule
	 * does not set it.
	 */
	public Map<String, String> parametersAt(Schedule schedule, Instant fireTime) {
		if (!this.takingFireTime.contains(schedule.job())
				|| schedule.parameters().containsKey(JobSchedule.FIRE_TIME_PARAMETER)) {
			return schedule.parameters();
		}
		Map<String, String> parameters = new LinkedHashMap<>(schedule.parameters());
		parameters.put(JobSchedule.FIRE_TIME_PARAMETER, fireTime.atZone(schedule.zone()).toString());
		return parameters;
	}

	public Collection<Schedule> schedules() {
		return this.schedules.values();
	}

	/**
	 * @throws NoSuchScheduleException if there is none named {@code name}
	 */
	public Schedule schedule(String name) {
		Schedule schedule = this.schedules.get(name);
		if (schedule == null) {
			throw new NoSuchScheduleException(name, this.schedules.keySet());
		}
		return schedule;
	}

	/** The cron expressions that start {@code job}, comma separated, or {@code null} if none does. */
	public @Nullable String cronOf(String job) {
		List<String> crons = this.schedules.values()
			.stream()
			.filter((schedule) -> schedule.job().equals(job))
			.map((schedule) -> schedule.cron() + " (" + schedule.zone() + ")")
			.toList();
		return crons.isEmpty() ? null : String.join(", ", crons);
	}

}
