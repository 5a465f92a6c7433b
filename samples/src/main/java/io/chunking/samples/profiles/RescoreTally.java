package io.chunking.samples.profiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * What a re-scoring run did, counted over every profile in one pass: the profiles are read in pages of
 * {@value #PAGE} ordered by {@code _id} ({@code _id > last}, sorted, limited), with only the four fields the counts
 * need.
 * <p>
 * Why one paged pass and not five server-side counts ({@code countDocuments} and {@code $group} over the whole
 * collection): each of those is a full scan that a server answers as one long request, and the embedded Mongo-wire
 * server holds the matching documents of an aggregate in memory while it runs; at 1,000,000 profiles five of them
 * kept its threads busy for minutes and ran the master out of heap. A page ordered by {@code _id} is one short
 * request (a walk of the collection from the last id, on the embedded server as on MongoDB), memory stays at one
 * page, and other requests are answered between pages.
 */
final class RescoreTally {

	static final int PAGE = 10_000;

	private final long version;

	private final long instance;

	private long rescored;

	private long atVersion;

	private long behind;

	private final Map<Long, Long> bands = new TreeMap<>();

	private final Map<Long, Long> rescoreCounts = new TreeMap<>();

	private RescoreTally(long version, long instance) {
		this.version = version;
		this.instance = instance;
	}

	/** Counts the profiles of {@code profiles} against re-scoring to {@code version} by job instance {@code instance}. */
	static Map<String, Object> count(MongoCollection<Document> profiles, long version, long instance) {
		RescoreTally tally = new RescoreTally(version, instance);
		Object last = null;
		while (true) {
			List<Document> page = profiles.find(last == null ? new Document() : Filters.gt("_id", last))
				.projection(Projections.include("scoreVersion", "rescoredBy", "score", "rescoreCount"))
				.sort(Sorts.ascending("_id"))
				.limit(PAGE)
				.batchSize(PAGE)
				.into(new ArrayList<>(PAGE));
			page.forEach(tally::add);
			if (page.size() < PAGE) {
				return tally.result();
			}
			last = page.get(page.size() - 1).get("_id");
		}
	}

	private void add(Document profile) {
		long profileVersion = number(profile, "scoreVersion");
		if (profileVersion < this.version) {
			this.behind++;
			return;
		}
		this.atVersion++;
		if (profileVersion != this.version) {
			return;
		}
		if (profile.get("rescoredBy") instanceof Number by && by.longValue() == this.instance) {
			this.rescored++;
		}
		this.bands.merge(Math.floorDiv(number(profile, "score"), ProfileScoring.BAND), 1L, Long::sum);
		this.rescoreCounts.merge(number(profile, "rescoreCount"), 1L, Long::sum);
	}

	private static long number(Document profile, String field) {
		Object value = profile.get(field);
		if (value instanceof Number number) {
			return number.longValue();
		}
		throw new IllegalStateException(
				"Profile " + profile.get("_id") + " has no number in '" + field + "' (found " + value + ")");
	}

	private Map<String, Object> result() {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("version", this.version);
		result.put("rescored", this.rescored);
		result.put("unchanged", this.atVersion - this.rescored);
		result.put("behind", this.behind);
		Map<String, Long> bands = new LinkedHashMap<>();
		this.bands.forEach((band, count) -> bands.put(ProfileScoring.band(band * ProfileScoring.BAND), count));
		result.put("scoreBands", bands);
		result.put("rescoreCounts", new TreeMap<>(this.rescoreCounts));
		return result;
	}

}
