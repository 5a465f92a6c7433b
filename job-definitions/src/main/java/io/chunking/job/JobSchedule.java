package io.chunking.job;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.springframework.scheduling.support.CronExpression;

/**
 * A cron schedule declared on a job definition: the master starts a new execution of the job, with its default
 * parameters, at every fire time.
 *
 * @param cron Spring cron expression with seconds ({@code second minute hour day-of-month month day-of-week})
 * @param zone time zone the expression is evaluated in
 */
public record JobSchedule(String cron, ZoneId zone) {

	public JobSchedule {
		if (cron == null || !CronExpression.isValidExpression(cron)) {
			throw new IllegalArgumentException("'" + cron + "' is not a valid cron expression (six fields: second "
					+ "minute hour day-of-month month day-of-week, e.g. '0 0 2 * * *')");
		}
		if (zone == null) {
			throw new IllegalArgumentException("The zone of a schedule must not be null");
		}
	}

	/** A schedule in the given zone id, e.g. {@code Europe/Paris} or {@code UTC}. */
	public static JobSchedule of(String cron, String zone) {
		try {
			return new JobSchedule(cron, ZoneId.of(zone));
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("'" + zone + "' is not a valid time zone id: " + ex.getMessage(), ex);
		}
	}

}
