package io.chunking.master.schedule;

import java.util.Collection;

/**
 * No schedule has the requested name.
 */
public class NoSuchScheduleException extends RuntimeException {

	public NoSuchScheduleException(String name, Collection<String> known) {
		super("No schedule named '" + name + "'; known schedules: "
				+ (known.isEmpty() ? "none" : String.join(", ", known)));
	}

}
