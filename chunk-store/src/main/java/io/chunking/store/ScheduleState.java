package io.chunking.store;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the masters share about a schedule.
 *
 * @param name schedule name
 * @param paused whether an operator paused it
 * @param handledUntil fire times up to this instant are handled: fired, skipped as misfires, or before the
 * schedule was created or resumed
 * @param lastFireTime the last fire time an execution was started for, {@code null} before the first
 * @param lastExecutionId the execution started for it, {@code null} if unknown
 * @param lastFiredBy the master that started it
 * @param firings the fire times taken recently, oldest first: pending ones, and the last
 * {@value ScheduleStore#KEPT_FIRINGS} at most
 */
public record ScheduleState(String name, boolean paused, Instant handledUntil, @Nullable Instant lastFireTime,
		@Nullable Long lastExecutionId, @Nullable String lastFiredBy, List<Firing> firings) {

	/** Pending fire times whose taker did not launch them by their deadline. */
	public List<Firing> overdue(Instant now) {
		return this.firings.stream().filter((firing) -> firing.overdue(now)).toList();
	}

}
