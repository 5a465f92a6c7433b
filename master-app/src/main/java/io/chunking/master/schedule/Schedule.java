package io.chunking.master.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * A validated schedule: which job to start, when, with which parameters.
 *
 * @param name unique name
 * @param job job to start
 * @param cron the cron expression as written
 * @param zone zone the expression is evaluated in
 * @param parameters job parameters of each execution
 * @param misfirePolicy what to do about missed fire times
 * @param source {@code configuration} or {@code definition}
 */
public record Schedule(String name, String job, String cron, ZoneId zone, Map<String, String> parameters,
		MisfirePolicy misfirePolicy, String source) {

	/** Identifying job parameter holding the fire time (ISO-8601 instant) of a scheduled execution. */
	public static final String FIRE_TIME_PARAMETER = "chunking.fire-time";

	/** Job parameter naming the schedule that started an execution. */
	public static final String SCHEDULE_PARAMETER = "chunking.schedule";

	/** The first fire time strictly after {@code after}, or {@code null} if the expression never fires again. */
	public @Nullable Instant nextFireTime(Instant after) {
		ZonedDateTime next = CronExpression.parse(this.cron).next(after.atZone(this.zone));
		return (next != null) ? next.toInstant() : null;
	}

}
