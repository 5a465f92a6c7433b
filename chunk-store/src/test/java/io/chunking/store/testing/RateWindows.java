package io.chunking.store.testing;

import java.util.List;

/** Counts of events in sliding time windows, to check that a rate limit held. */
public final class RateWindows {

	private RateWindows() {
	}

	/**
	 * The most of {@code times} in any window {@code [t, t + width)}.
	 * @param times event times, sorted, in any unit
	 * @param width the window's width, in the unit of the times
	 */
	public static int mostInAnyWindow(List<Long> times, long width) {
		int most = 0;
		int end = 0;
		for (int start = 0; start < times.size(); start++) {
			while (end < times.size() && times.get(end) < times.get(start) + width) {
				end++;
			}
			most = Math.max(most, end - start);
		}
		return most;
	}

}
