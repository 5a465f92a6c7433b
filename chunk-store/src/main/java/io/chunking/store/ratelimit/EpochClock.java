package io.chunking.store.ratelimit;

import java.time.Clock;
import java.time.Instant;

/** A clock read in epoch nanoseconds (to the precision of the underlying clock, microseconds on most hosts). */
@FunctionalInterface
interface EpochClock {

	long nanos();

	static EpochClock of(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
		};
	}

}
