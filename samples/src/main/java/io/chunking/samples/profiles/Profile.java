package io.chunking.samples.profiles;

import java.util.SplittableRandom;

import org.bson.Document;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user profile, as stored in the collection {@value ProfilesJobs#PROFILES_COLLECTION}: the facts a score is
 * computed from (country, logins in the last 30 days, purchases in the last 90, reviews written, days since the last
 * login), the score, the version of the scoring that computed it, and how many times a re-scoring was applied to it
 * since it was generated ({@code rescoreCount}: one per version applied, never more).
 *
 * @param id the profile's id, its {@code _id}
 * @param country ISO country code
 * @param logins30d logins in the last 30 days, 0-60
 * @param purchases90d purchases in the last 90 days, 0-20
 * @param reviews reviews written, 0-30
 * @param lastLoginDays days since the last login, 0-365
 * @param score the score, 0-999
 * @param scoreVersion the scoring version that computed {@code score}; generated profiles have version 1
 * @param rescoreCount re-scorings applied since the profile was generated
 */
public record Profile(@JsonProperty("_id") long id, String country, int logins30d, int purchases90d, int reviews,
		int lastLoginDays, long score, long scoreVersion, long rescoreCount) {

	/** The version of the score of a generated profile. */
	public static final long GENERATED_VERSION = 1;

	static final String[] COUNTRIES = { "DE", "FR", "US", "GB", "ES", "IT", "NL", "PL" };

	private static final long SEED = 0x5EED_2026_1207L;

	/**
	 * The profile of an id as {@code profiles-generate} makes it: its facts drawn from a random generator seeded by
	 * the id (the same id always gives the same profile), scored with version {@value #GENERATED_VERSION}.
	 */
	public static Profile generate(long id) {
		SplittableRandom random = new SplittableRandom(SEED + id * 0x9E3779B97F4A7C15L);
		String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
		int logins = random.nextInt(61);
		int purchases = random.nextInt(21);
		int reviews = random.nextInt(31);
		// Most users came back recently; a long tail has not been seen for months.
		int lastLogin = random.nextBoolean() ? random.nextInt(31) : random.nextInt(366);
		Profile facts = new Profile(id, country, logins, purchases, reviews, lastLogin, 0, 0, 0);
		return new Profile(id, country, logins, purchases, reviews, lastLogin,
				ProfileScoring.score(facts, GENERATED_VERSION), GENERATED_VERSION, 0);
	}

	/** The profile as its MongoDB document, {@code _id} a 64-bit integer. */
	public Document toDocument() {
		return new Document("_id", this.id).append("country", this.country)
			.append("logins30d", this.logins30d)
			.append("purchases90d", this.purchases90d)
			.append("reviews", this.reviews)
			.append("lastLoginDays", this.lastLoginDays)
			.append("score", this.score)
			.append("scoreVersion", this.scoreVersion)
			.append("rescoreCount", this.rescoreCount);
	}

}
