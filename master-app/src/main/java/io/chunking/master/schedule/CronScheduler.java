package io.chunking.master.schedule;

import io.chunking.support.scheduling.PeriodicTask;
import io.chunking.support.scheduling.PeriodicTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

import io.chunking.master.manager.RunParameters;
import io.chunking.master.batch.ExecutionLauncher;
import io.chunking.store.Firing;
import io.chunking.store.ScheduleState;
import io.chunking.store.ScheduleStore;

/**
 * Fires schedules. It wakes at every fire time (and at least every poll interval), plans each schedule
 * ({@link FirePlan}) from the state the masters share, and takes a due fire time with a compare-and-set in MongoDB,
 * so that with any number of masters each fire time is taken once. Taking is the first of two phases: the take
 * records the fire time as pending with a launch deadline ({@code chunking.scheduler.launch-timeout}), and
 * recording the launched execution ends it. A fire time still pending after its deadline (its master died between
 * the take and the launch, or the launch failed) is taken over by the first master that looks, with a
 * compare-and-set on that deadline. Launching is idempotent: the run id ({@value RunParameters#RUN_ID}) of a
 * scheduled execution is derived from the schedule and the fire time, so a second launch of one fire time finds
 * the job instance of the first instead of starting another. The fire time is an identifying job parameter
 * ({@value Schedule#FIRE_TIME_PARAMETER}): every firing is a new job instance.
 */
class CronScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CronScheduler.class);

	/** Longest wait on stop for a tick in progress. */
	private static final long STOP_WAIT_SECONDS = 10;

	private final ScheduleCatalog catalog;

	private final ScheduleStore store;

	private final ExecutionLauncher launcher;

	private final SchedulerProperties.Scheduler settings;

	private final String masterId;

	private final PeriodicTasks tasks;

	private volatile @Nullable PeriodicTask task;

	CronScheduler(ScheduleCatalog catalog, ScheduleStore store, ExecutionLauncher launcher,
			SchedulerProperties.Scheduler settings, String masterId, PeriodicTasks tasks) {
		this.tasks = tasks;
		this.catalog = catalog;
		this.store = store;
		this.launcher = launcher;
		this.settings = settings;
		this.masterId = masterId;
	}

	/** Plans every schedule once and starts what is due. */
	void tick() {
		Instant now = Instant.now();
		for (Schedule schedule : this.catalog.schedules()) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			try {
				fireIfDue(schedule, now);
			}
			catch (RuntimeException ex) {
				logger.warn("Schedule '" + schedule.name() + "' could not be checked: " + ex.getMessage(), ex);
			}
		}
	}

	private void fireIfDue(Schedule schedule, Instant now) {
		ScheduleState state = this.store.ensure(schedule.name(), now);
		for (Firing firing : state.overdue(now)) {
			takeOver(schedule, firing, now);
		}
		if (state.paused()) {
			return;
		}
		FirePlan plan = FirePlan.at(schedule, state.handledUntil(), now, this.settings.getMisfireThreshold());
		if (plan.fireTime() == null || !this.store.take(state, plan.fireTime(), plan.launch(), this.masterId,
				now.plus(this.settings.getLaunchTimeout()))) {
			return;
		}
		if (!plan.launch()) {
			logger.warn("Schedule '" + schedule.name() + "' missed " + plan.missed() + " fire time(s) up to "
					+ plan.fireTime() + " while no master ran it; misfire policy SKIP: nothing started");
			return;
		}
		if (plan.missed() > 1 || now.isAfter(plan.fireTime().plus(this.settings.getMisfireThreshold()))) {
			logger.warn("Schedule '" + schedule.name() + "' missed " + plan.missed() + " fire time(s); misfire policy "
					+ "RUN_ONCE: one execution for " + plan.fireTime());
		}
		if (pauseAfterTake(schedule, plan.fireTime())) {
			launch(schedule, plan.fireTime());
		}
	}

	private void takeOver(Schedule schedule, Firing firing, Instant now) {
		String name = schedule.name();
		if (firing.launches() >= Firing.MAX_LAUNCHES) {
			if (this.store.abandon(name, firing)) {
				logger.error("Schedule '" + name + "' gives fire time " + firing.fireTime() + " up: "
						+ firing.launches() + " launches of " + schedule.job() + " failed (see the errors above)");
			}
			return;
		}
		if (this.store.takeOver(name, firing, this.masterId, now.plus(this.settings.getLaunchTimeout()))) {
			logger.warn("Schedule '" + name + "': fire time " + firing.fireTime() + ", taken by master "
					+ firing.takenBy() + ", was not launched by " + firing.deadline() + "; master " + this.masterId
					+ " took it over and launches it");
			launch(schedule, firing.fireTime());
		}
	}

	private void launch(Schedule schedule, Instant fireTime) {
		String name = schedule.name();
		this.store.launching(name, fireTime, this.masterId);
		try {
			ExecutionLauncher.Launch launch = this.launcher.launchOnce(schedule.job(),
					this.catalog.parametersAt(schedule, fireTime),
					Map.of(Schedule.FIRE_TIME_PARAMETER, fireTime.toString(), Schedule.SCHEDULE_PARAMETER, name,
							RunParameters.RUN_ID, "schedule:" + name + "@" + fireTime));
			this.store.recordExecution(name, fireTime, launch.executionId());
			if (launch.started()) {
				logger.info("Schedule '" + name + "' fired for " + fireTime + ": execution " + launch.executionId());
			}
			else {
				logger.warn("Schedule '" + name + "': fire time " + fireTime + " had been launched before, as execution "
						+ launch.executionId() + "; recorded it");
			}
		}
		catch (Exception ex) {
			logger.error("Schedule '" + name + "' could not start " + schedule.job() + " for " + fireTime + ": "
					+ ex.getMessage() + "; it stays pending, and a master launches it again after "
					+ this.settings.getLaunchTimeout() + " (chunking.scheduler.launch-timeout)", ex);
		}
	}

	/**
	 * The test hook {@code chunking.scheduler.test.pause-after-take}.
	 * @return whether to launch: {@code false} if the master stops meanwhile (the fire time stays pending)
	 */
	private boolean pauseAfterTake(Schedule schedule, Instant fireTime) {
		Duration pause = this.settings.getTest().getPauseAfterTake();
		if (pause.isZero() || pause.isNegative()) {
			return true;
		}
		logger.warn("Test hook chunking.scheduler.test.pause-after-take: schedule '" + schedule.name()
				+ "' took fire time " + fireTime + "; pausing " + pause + " before launching it");
		try {
			Thread.sleep(pause.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Milliseconds until the next look: the next fire time of any schedule (so that every master looks as it comes
	 * due), at most a poll interval.
	 */
	long delayMillis(Instant now) {
		long delay = this.settings.getPollInterval().toMillis();
		for (Schedule schedule : this.catalog.schedules()) {
			Instant next = schedule.nextFireTime(now);
			if (next != null) {
				delay = Math.min(delay, Duration.between(now, next).toMillis() + 1);
			}
		}
		return Math.max(1, delay);
	}

	@Override
	public void start() {
		Duration first = this.settings.getPollInterval();
		this.task = this.tasks.withVariableDelay("cron", first, () -> Duration.ofMillis(delayMillis(Instant.now())),
				this::tick);
		logger.info("Scheduler started with " + this.catalog.schedules().size() + " schedule(s)");
	}

	/** Lets a tick in progress finish (at most {@value #STOP_WAIT_SECONDS} s); nothing fires after this. */
	@Override
	public void stop() {
		PeriodicTask current = this.task;
		if (current != null) {
			this.task = null;
			current.cancel(Duration.ofSeconds(STOP_WAIT_SECONDS));
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

}
