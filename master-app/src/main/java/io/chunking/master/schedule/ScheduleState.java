package io.chunking.master.schedule;

import java.time.Instant;

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
 */
public record ScheduleState(String name, boolean paused, Instant handledUntil, Instant lastFireTime,
		Long lastExecutionId, String lastFiredBy) {
}
