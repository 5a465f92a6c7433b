package io.chunking.samples.newsletter;

import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.chunking.job.InvalidJobArgumentsException;
import io.chunking.job.JobArguments;
import io.chunking.job.JobSchedule;

/**
 * The issue a run sends: the {@value #PARAMETER} parameter if given, else the date of the fire time in the
 * schedule's zone ({@value JobSchedule#FIRE_TIME_PARAMETER}, given by the master to scheduled runs), e.g.
 * {@code 2026-12-07}. A run started by hand without {@value #PARAMETER} is refused: "today" is not one value for a
 * run whose chunks may run on either side of midnight.
 */
final class Issue {

	static final String PARAMETER = "issue";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private Issue() {
	}

	/**
	 * @throws InvalidJobArgumentsException naming {@value #PARAMETER} or {@value JobSchedule#FIRE_TIME_PARAMETER}
	 */
	static String of(JobArguments arguments) {
		String issue = arguments.getString(PARAMETER);
		if (issue != null && !issue.isEmpty()) {
			if (!VALID.matcher(issue).matches()) {
				throw new InvalidJobArgumentsException(PARAMETER, "'" + issue + "' is not an issue id: 1 to 64 "
						+ "letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 2026-12-07)");
			}
			return issue;
		}
		String fireTime = arguments.getString(JobSchedule.FIRE_TIME_PARAMETER);
		if (fireTime == null || fireTime.isEmpty()) {
			throw new InvalidJobArgumentsException(PARAMETER, "is required when the run is not started by the "
					+ "schedule (e.g. issue=2026-12-07): it names the issue each subscriber gets once");
		}
		try {
			return ZonedDateTime.parse(fireTime).toLocalDate().toString();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobArgumentsException(JobSchedule.FIRE_TIME_PARAMETER, "'" + fireTime
					+ "' is not a zoned date-time such as 2026-12-07T10:00+01:00[Europe/Paris]");
		}
	}

}
