package io.chunking.master.schedule;

/**
 * What a schedule does about fire times that passed while no master was running it (all masters down, or the
 * schedule paused is not a misfire: resuming never catches up).
 */
public enum MisfirePolicy {

	/** Start one execution for the most recent missed fire time, however many were missed. */
	RUN_ONCE,

	/** Start nothing for missed fire times; wait for the next one. */
	SKIP

}
