package io.chunking.testing;

import java.util.OptionalDouble;

/**
 * Reads series out of a Prometheus text exposition, as {@code /actuator/prometheus} serves it.
 */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The value of one series, written as exposed: {@code name{label="value",...}} with the labels in the exposed
	 * (alphabetical) order, or just {@code name} for a series without labels.
	 * @return the value, empty if the exposition has no such series
	 */
	public static OptionalDouble value(String exposition, String series) {
		for (String line : exposition.split("\n")) {
			if (line.startsWith(series + " ")) {
				return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]));
			}
		}
		return OptionalDouble.empty();
	}

}
