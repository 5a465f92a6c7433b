package io.chunking.master.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import io.chunking.master.batch.ExecutionLauncher;

/**
 * Fires schedules. Every poll interval it plans each schedule ({@link FirePlan}) from the state the masters share;
 * a due fire time is taken with a compare-and-set in MongoDB, so with any number of masters each fire time starts
 * exactly one execution. The fire time is an identifying job parameter ({@value Schedule#FIRE_TIME_PARAMETER}): every firing is a
 * new job instance.
 */
class CronScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CronScheduler.class);

	private final ScheduleCatalog catalog;

	private final MongoScheduleStore store;

	private final ExecutionLauncher launcher;

	private final SchedulerProperties.Scheduler settings;

	private final String masterId;

	private ScheduledExecutorService executor;

	CronScheduler(ScheduleCatalog catalog, MongoScheduleStore store, ExecutionLauncher launcher,
			SchedulerProperties.Scheduler settings, String masterId) {
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
		if (state.paused()) {
			return;
		}
		FirePlan plan = FirePlan.at(schedule, state.handledUntil(), now, this.settings.getMisfireThreshold());
		if (plan.fireTime() == null
				|| !this.store.take(schedule.name(), state.handledUntil(), plan.fireTime(), plan.launch(), this.masterId)) {
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
		try {
			long id = this.launcher.launch(schedule.job(), schedule.parameters(),
					Map.of(Schedule.FIRE_TIME_PARAMETER, plan.fireTime().toString(), Schedule.SCHEDULE_PARAMETER,
							schedule.name()));
			this.store.recordExecution(schedule.name(), plan.fireTime(), id);
			logger.info("Schedule '" + schedule.name() + "' fired for " + plan.fireTime() + ": execution " + id);
		}
		catch (Exception ex) {
			logger.error("Schedule '" + schedule.name() + "' could not start " + schedule.job() + " for "
					+ plan.fireTime() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "chunking-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.getPollInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
		logger.info("Scheduler started with " + this.catalog.schedules().size() + " schedule(s)");
	}

	@Override
	public void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
