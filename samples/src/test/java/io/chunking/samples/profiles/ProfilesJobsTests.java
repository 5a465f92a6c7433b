package io.chunking.samples.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.InvalidJobArgumentsException;
import io.chunking.job.JobArguments;
import io.chunking.job.spi.ChunkedJobRuntime;

class ProfilesJobsTests {

	// Building the definitions and validating arguments do not call the client.
	private final MongoClient mongo = (MongoClient) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { MongoClient.class }, (proxy, method, args) -> {
				throw new UnsupportedOperationException(method.getName());
			});

	private final ChunkedJobRuntime<Profile, ProfileScore> rescore = ChunkedJobRuntime
		.of(ProfilesJobs.rescore(this.mongo, "samples"));

	@Test
	void aProfileIsTheSameForTheSameIdAndStartsAtVersionOneScoredByThatVersion() {
		Profile profile = Profile.generate(42);
		assertThat(Profile.generate(42)).isEqualTo(profile);
		assertThat(Profile.generate(43)).isNotEqualTo(profile);
		assertThat(profile.scoreVersion()).isEqualTo(1);
		assertThat(profile.rescoreCount()).isZero();
		assertThat(profile.score()).isEqualTo(ProfileScoring.score(profile, 1));
		assertThat(profile.toDocument().get("_id")).isEqualTo(42L);
	}

	@Test
	void scoresStayWithinZeroToMaxAndChangeWithTheVersion() {
		long changed = 0;
		for (long id = 0; id < 10_000; id++) {
			Profile profile = Profile.generate(id);
			for (long version = 1; version <= 5; version++) {
				assertThat(ProfileScoring.score(profile, version)).isBetween(0L, ProfileScoring.MAX_SCORE);
			}
			changed += (ProfileScoring.score(profile, 2) != profile.score()) ? 1 : 0;
		}
		assertThat(changed).as("profiles whose score changes from version 1 to 2").isGreaterThan(9_000);
		assertThat(ProfileScoring.band(0)).isEqualTo("0-99");
		assertThat(ProfileScoring.band(999)).isEqualTo("900-999");
	}

	@Test
	void theProcessorScoresWithTheRunsVersion() throws Exception {
		JobArguments arguments = this.rescore.validate(Map.of("version", "7"));
		Profile profile = Profile.generate(5);
		ProfileScore score = this.rescore.processor(new ChunkAttempt(ProfilesJobs.RESCORE, 1, 0, 1, "w", arguments))
			.process(profile);
		assertThat(score).isEqualTo(new ProfileScore(5, ProfileScoring.score(profile, 7), 7));
	}

	@Test
	void invalidParametersAreRefusedNamingTheParameter() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> this.rescore.validate(Map.of("version", "1")))
			.withMessageContaining("version");
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> this.rescore.validate(Map.of("outageEvery", "-1")))
			.withMessageContaining("outageEvery");
		ChunkedJobRuntime<Long, Profile> generate = ChunkedJobRuntime.of(ProfilesJobs.generate(this.mongo, "samples"));
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> generate.validate(Map.of("profiles", "0")))
			.withMessageContaining("profiles");
	}

}
