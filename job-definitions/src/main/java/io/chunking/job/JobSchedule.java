package io.chunking.job;

import java.time.ZoneId;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

/**
 * A cron schedule declared on a job definition: the master starts a new execution of the job, with its default
 * parameters, at every fire time.
 *
 * @param cron Spring cron expression with seconds ({@code second minute hour day-of-month month day-of-week})
 * @param zone time zone the expression is evaluated in
 */
public record JobSchedule(String cron, ZoneId zone) {

	/**
	 * Name of the job parameter through which a scheduled execution learns its fire time: if a job declares a
	 * string parameter of this name, the master gives it, in every execution a schedule starts, the fire time as an
	 * ISO-8601 date-time in the schedule's zone ({@code 2026-12-07T10:00+01:00[Europe/Paris]}), unless the schedule's
	 * parameters set it. An execution started otherwise has the parameter's default (or the value given).
	 */
	public static final String FIRE_TIME_PARAMETER = "fireTime";

	public JobSchedule {
		Assert.isTrue(cron != null && CronExpression.isValidExpression(cron), () -> "'" + cron
				+ "' is not a valid cron expression (six fields: second minute hour day-of-month month day-of-week, "
				+ "e.g. '0 0 2 * * *')");
		Assert.notNull(zone, "The zone of a schedule must not be null");
	}

}
