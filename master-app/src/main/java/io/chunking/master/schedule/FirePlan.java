package io.chunking.master.schedule;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The scheduler's decision for one schedule at one moment: which fire time to take (if any is due) and whether to
 * start an execution for it or skip it as a misfire. Pure: the same inputs always give the same plan.
 *
 * @param fireTime the fire time to record as handled, {@code null} if none is due
 * @param launch whether to start an execution for it
 * @param missed how many due fire times the plan covers (more than one after an outage)
 */
record FirePlan(@Nullable Instant fireTime, boolean launch, int missed) {

	/** Fire times looked at in one plan: bounds the work after a long outage of a frequent schedule. */
	static final int MAX_FIRE_TIMES = 100_000;

	static final FirePlan NOTHING_DUE = new FirePlan(null, false, 0);

	/**
	 * @param handledUntil fire times up to this instant are handled (fired, skipped, or before the schedule
	 * existed or was resumed)
	 * @param threshold a fire time older than this at {@code now} counts as missed
	 */
	static FirePlan at(Schedule schedule, Instant handledUntil, Instant now, Duration threshold) {
		Instant due = schedule.nextFireTime(handledUntil);
		if (due == null || due.isAfter(now)) {
			return NOTHING_DUE;
		}
		int count = 1;
		Instant latest = due;
		for (Instant next = schedule.nextFireTime(latest); next != null && !next.isAfter(now)
				&& count < MAX_FIRE_TIMES; next = schedule.nextFireTime(latest)) {
			latest = next;
			count++;
		}
		boolean late = Duration.between(latest, now).compareTo(threshold) > 0;
		boolean launch = !late || schedule.misfirePolicy() == MisfirePolicy.RUN_ONCE;
		return new FirePlan(latest, launch, count);
	}

}
