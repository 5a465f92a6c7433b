package io.chunking.master.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cron schedules declared in configuration ({@code chunking.schedules[*]}) and how the master's scheduler runs them
 * ({@code chunking.scheduler.*}).
 */
@ConfigurationProperties("chunking")
public class SchedulerProperties {

	/** Cron schedules: each starts a new execution of a job at every fire time. */
	private List<ScheduleEntry> schedules = new ArrayList<>();

	private final Scheduler scheduler = new Scheduler();

	public List<ScheduleEntry> getSchedules() {
		return this.schedules;
	}

	public void setSchedules(List<ScheduleEntry> schedules) {
		this.schedules = schedules;
	}

	public Scheduler getScheduler() {
		return this.scheduler;
	}

	/** One configured schedule. */
	public static class ScheduleEntry {

		/** Name of the schedule, unique; defaults to the job name. A name equal to a job's replaces the schedule
		 * declared on that job's definition. */
		private @Nullable String name;

		/** Name of the job to start. */
		private @Nullable String job;

		/** Spring cron expression with seconds: second minute hour day-of-month month day-of-week. */
		private @Nullable String cron;

		/** Time zone the cron expression is evaluated in. */
		private String zone = "UTC";

		/** Job parameters of every execution the schedule starts (the job's defaults for the others). */
		private Map<String, String> parameters = new LinkedHashMap<>();

		/** What to do about fire times missed while no master ran the schedule: RUN_ONCE or SKIP. */
		private MisfirePolicy misfirePolicy = MisfirePolicy.RUN_ONCE;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getJob() {
			return this.job;
		}

		public void setJob(@Nullable String job) {
			this.job = job;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public String getZone() {
			return this.zone;
		}

		public void setZone(String zone) {
			this.zone = zone;
		}

		public Map<String, String> getParameters() {
			return this.parameters;
		}

		public void setParameters(Map<String, String> parameters) {
			this.parameters = parameters;
		}

		public MisfirePolicy getMisfirePolicy() {
			return this.misfirePolicy;
		}

		public void setMisfirePolicy(MisfirePolicy misfirePolicy) {
			this.misfirePolicy = misfirePolicy;
		}

	}

	/** The scheduler itself. */
	public static class Scheduler {

		/** Whether this master runs schedules at all (queries and pause/resume work either way). */
		private boolean enabled = true;

		/** How often the scheduler looks for due fire times. */
		private Duration pollInterval = Duration.ofMillis(500);

		/** A fire time later than this when first seen counts as missed, and its schedule's misfire policy applies. */
		private Duration misfireThreshold = Duration.ofSeconds(30);

		/**
		 * MongoDB collection of schedule state: pause flag, last fire time, the lock on each fire time. Read by the
		 * chunk store's auto-configuration of the {@code ScheduleStore}.
		 */
		private String collection = "chunking_schedules";

		/**
		 * How long the master that took a fire time has to launch its execution; once it has passed without an
		 * execution recorded (the master died, or the launch failed), any master takes the fire time over and
		 * launches it.
		 */
		private Duration launchTimeout = Duration.ofSeconds(30);

		private final Test test = new Test();

		public Duration getLaunchTimeout() {
			return this.launchTimeout;
		}

		public void setLaunchTimeout(Duration launchTimeout) {
			this.launchTimeout = launchTimeout;
		}

		public Test getTest() {
			return this.test;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getMisfireThreshold() {
			return this.misfireThreshold;
		}

		public void setMisfireThreshold(Duration misfireThreshold) {
			this.misfireThreshold = misfireThreshold;
		}

		public String getCollection() {
			return this.collection;
		}

		public void setCollection(String collection) {
			this.collection = collection;
		}

	}

	/** Test hooks: never set them in production. */
	public static class Test {

		/**
		 * Test hook: after taking a fire time, the scheduler waits this long before launching its execution, so that
		 * a test can kill the master at that point and see another master launch the fire time.
		 */
		private Duration pauseAfterTake = Duration.ZERO;

		public Duration getPauseAfterTake() {
			return this.pauseAfterTake;
		}

		public void setPauseAfterTake(Duration pauseAfterTake) {
			this.pauseAfterTake = pauseAfterTake;
		}

	}

}
