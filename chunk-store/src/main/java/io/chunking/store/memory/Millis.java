package io.chunking.store.memory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as MongoDB keeps them: to the millisecond, so that in-memory and Mongo records compare alike. */
final class Millis {

	private Millis() {
	}

	static Instant millis(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MILLIS) : null;
	}

}
