package io.chunking.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One fire time a master took, as the schedule's shared document records it. Taking a fire time moves the
 * schedule's {@code handledUntil} from {@link #previous} to {@link #fireTime} with a compare-and-set, and records
 * this entry in the same atomic update; until an execution is recorded for it, the fire time is pending, and once
 * its {@link #deadline} has passed any master takes it over (a compare-and-set on the deadline) and launches it.
 *
 * @param fireTime the fire time
 * @param previous {@code handledUntil} before the take: the fire times in between were handled by this take
 * @param launch whether an execution is to be started for it ({@code false}: skipped as a misfire)
 * @param takenBy the master that took it last (the first taker, or the master that took it over)
 * @param deadline when another master may take it over if no execution is recorded by then; {@code null} if
 * nothing is to be launched
 * @param takes how many times it was taken with the compare-and-set: always 1
 * @param launches how many launches were attempted for it: 1, more only after a take-over
 * @param executionId the execution started for it, {@code null} while it is pending
 * @param abandoned whether the masters gave up launching it after {@value #MAX_LAUNCHES} attempts
 */
public record Firing(Instant fireTime, Instant previous, boolean launch, String takenBy, @Nullable Instant deadline,
		int takes, int launches, @Nullable Long executionId, boolean abandoned) {

	/** Launch attempts of one fire time before the masters give up on it. */
	public static final int MAX_LAUNCHES = 3;

	/** Whether an execution is still to be started for this fire time. */
	public boolean pending() {
		return this.launch && this.executionId == null && !this.abandoned;
	}

	/** Whether it is pending and its taker did not launch it in time: any master may take it over now. */
	public boolean overdue(Instant now) {
		return pending() && this.deadline != null && this.deadline.isBefore(now);
	}

}
