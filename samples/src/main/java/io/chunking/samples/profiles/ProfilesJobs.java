package io.chunking.samples.profiles;

import java.util.stream.LongStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.chunking.connectors.mongo.MongoSink;
import io.chunking.connectors.mongo.MongoSource;
import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;

/**
 * The profile re-scoring sample's two jobs, over the collection {@value #PROFILES_COLLECTION} of the sample database:
 * <ul>
 * <li>{@value #GENERATE}: items {@code 0 .. profiles-1}, each made into its {@link Profile#generate profile} on a
 * worker and upserted by id ({@code MongoSink}); running it again resets the profiles to version 1.</li>
 * <li>{@value #RESCORE}: reads the profiles whose {@code scoreVersion} is below the run's {@value #VERSION}
 * ({@code MongoSource}, so a run after a partial one reads only what is left), computes each one's score with
 * {@link ProfileScoring} and writes it back with a conditional update ({@link RescoreSink}) that applies a version
 * once per profile, whatever runs again. Its result counts what it rescored and shows the scores' distribution.
 * {@link RescoreFaults} makes partial failures on request.</li>
 * </ul>
 */
public final class ProfilesJobs {

	public static final String GENERATE = "profiles-generate";

	public static final String RESCORE = "profiles-rescore";

	/** The collection of the profiles, in the sample database. */
	public static final String PROFILES_COLLECTION = "profiles";

	/**
	 * Profiles per query of {@value #RESCORE}'s source. The embedded Mongo-wire server answers each page's range
	 * query on {@code _id} with a scan of the collection (it has no range index), so fewer, larger pages slice a
	 * large collection many times faster there; the master holds one page, a few MB. On MongoDB the default (500)
	 * does as well.
	 */
	static final int PAGE_SIZE = 10_000;

	/** The parameter of {@value #RESCORE} naming the scoring version to apply. */
	public static final String VERSION = "version";

	private ProfilesJobs() {
	}

	/** {@value #GENERATE}: {@code profiles} profiles with ids 0 to profiles-1, upserted by id. */
	public static ChunkedJobDefinition<Long, Profile> generate(MongoClient mongo, String database) {
		return ChunkedJob.named(GENERATE)
			.description("Generates the profiles of the re-scoring sample (ids 0 to profiles-1, deterministic from "
					+ "the id, score version 1) into MongoDB")
			.parameter(JobParameterSpec.longParam("profiles", 100_000, "Number of profiles").range(1, 100_000_000))
			.parameter(chunkSize())
			.items(Long.class, (arguments) -> LongStream.range(0, arguments.getLong("profiles")).boxed())
			.processor(Profile::generate)
			.chunkSizeParameter("chunkSize")
			.sink(MongoSink.upsert(mongo, database, PROFILES_COLLECTION, Profile::id).document(Profile::toDocument))
			.build();
	}

	/** {@value #RESCORE}: every profile below {@code version} rescored with that version, once. */
	public static ChunkedJobDefinition<Profile, ProfileScore> rescore(MongoClient mongo, String database) {
		return ChunkedJob.named(RESCORE)
			.description("Rescores every profile whose score version is below 'version', writing each one back once")
			.parameter(JobParameterSpec.longParam(VERSION, 2, "The scoring version to apply; the profiles below it "
					+ "are rescored, the others left alone (generated profiles have version 1)")
				.range(Profile.GENERATED_VERSION + 1, 1_000_000_000))
			.parameter(chunkSize())
			.parameter(JobParameterSpec.longParam(RescoreFaults.HALF_WRITE_EVERY, 0,
					"The first attempt of chunks 0, n, 2n, ... fails after writing half its profiles (0: none)")
				.range(0, Integer.MAX_VALUE))
			.parameter(JobParameterSpec.longParam(RescoreFaults.OUTAGE_EVERY, 0,
					"Every attempt of chunks n-1, 2n-1, ... fails after writing half its profiles while a document is "
							+ "in the collection " + RescoreFaults.OUTAGE_COLLECTION + " (0: none)")
				.range(0, Integer.MAX_VALUE))
			.items(MongoSource.collection(mongo, database, PROFILES_COLLECTION)
				.filter((arguments) -> Filters.lt("scoreVersion", arguments.getLong(VERSION)))
				.pageSize(PAGE_SIZE)
				.as(Profile.class))
			.processorPerAttempt((attempt) -> {
				long version = attempt.arguments().getLong(VERSION);
				return (Profile profile) -> new ProfileScore(profile.id(), ProfileScoring.score(profile, version),
						version);
			})
			.chunkSizeParameter("chunkSize")
			.sink(new RescoreSink(mongo, database))
			.build();
	}

	private static JobParameterSpec chunkSize() {
		return JobParameterSpec.longParam("chunkSize", 500, "Profiles per chunk").range(ChunkSizes.MIN, ChunkSizes.MAX);
	}

}
