package io.chunking.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The state that the masters share about each cron schedule: whether it is paused, up to which instant its fire
 * times are handled, and the {@link Firing fire times} taken recently. Taking a fire time is a compare-and-set on
 * {@link ScheduleState#handledUntil()}: of several masters that see the same fire time due, exactly one moves it
 * forward and starts the execution. The take records the fire time as pending until an execution is recorded for
 * it, so that a master that dies between the take and the launch leaves it for another master to take over after
 * its deadline. The last {@value #KEPT_FIRINGS} resolved fire times are kept as a record of who took and launched
 * each. A store that cannot be reached makes any method throw {@link StoreUnavailableException}, any other failure
 * of the backend {@link StoreException}.
 */
public interface ScheduleStore {

	/** Resolved fire times kept per schedule; pending ones are always kept. */
	int KEPT_FIRINGS = 100;

	/**
	 * The schedule's state, created if it has none: not paused, fire times before {@code now} handled. The
	 * scheduler calls this every poll, so an existing state is only read.
	 */
	ScheduleState ensure(String name, Instant now);

	Optional<ScheduleState> find(String name);

	/**
	 * Takes {@code fireTime} if the schedule is not paused and its fire times are still handled until
	 * {@code state.handledUntil()} only, and records it as a {@link Firing}, pending until
	 * {@link #recordExecution} if it is to be launched.
	 * @param launch whether an execution will be started for it (false: skipped as a misfire)
	 * @param deadline when another master may take it over if no execution is recorded for it by then
	 * @return whether this call took it
	 */
	boolean take(ScheduleState state, Instant fireTime, boolean launch, String masterId, Instant deadline);

	/**
	 * Takes over a fire time whose taker did not launch it by its deadline: a compare-and-set on that deadline, so
	 * that one master does.
	 * @return whether this call took it over; the caller launches it then
	 */
	boolean takeOver(String name, Firing firing, String masterId, Instant deadline);

	/**
	 * Gives up a fire time whose launches failed {@value Firing#MAX_LAUNCHES} times (same compare-and-set as
	 * {@link #takeOver}).
	 * @return whether this call gave it up
	 */
	boolean abandon(String name, Firing firing);

	/** Counts a launch attempt of a taken fire time. */
	void launching(String name, Instant fireTime, String masterId);

	/** Records the execution started for a fire time: it is no longer pending. */
	void recordExecution(String name, Instant fireTime, long executionId);

	void pause(String name);

	/** Resumes a paused schedule from {@code now}: fire times that passed while it was paused are not caught up. */
	void resume(String name, Instant now);

}
