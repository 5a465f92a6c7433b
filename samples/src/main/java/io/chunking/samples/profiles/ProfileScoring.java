package io.chunking.samples.profiles;

/**
 * The score of a profile for a scoring version: a pure function of the profile's facts and the version, so a test
 * (or anyone) can recompute it. Activity counts (logins, purchases, reviews) add points, recent logins add points
 * weighted by the version ({@code 1 + version % 4}), and each country has a bonus that changes with the version.
 * Scores are 0-999, in bands of 100.
 */
public final class ProfileScoring {

	/** Width of a score band of the execution's {@code scoreBands}. */
	public static final long BAND = 100;

	/** The highest score. */
	public static final long MAX_SCORE = 999;

	private ProfileScoring() {
	}

	/** The score of {@code profile}'s facts under scoring {@code version}. */
	public static long score(Profile profile, long version) {
		long activity = 3L * profile.logins30d() + 12L * profile.purchases90d() + 5L * profile.reviews();
		long recency = Math.max(0, 120 - profile.lastLoginDays()) * (1 + version % 4) / 2;
		long bonus = Math.floorMod(profile.country().hashCode() * 31L + version * 17, 51);
		return Math.min(MAX_SCORE, activity + recency + bonus);
	}

	/** The name of the band of a score, e.g. {@code 300-399}. */
	public static String band(long score) {
		long low = score / BAND * BAND;
		return low + "-" + (low + BAND - 1);
	}

}
