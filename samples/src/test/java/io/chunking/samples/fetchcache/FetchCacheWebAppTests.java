package io.chunking.samples.fetchcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FetchCacheWebAppTests {

	@Test
	void keysOfLettersDigitsAndPunctuationUpTo200CharactersAreValid() {
		assertThat(DataHandler.problem("user:42.profile_v-1")).isNull();
		assertThat(DataHandler.problem("k".repeat(200))).isNull();
	}

	@Test
	void aKeyThatIsNotValidSaysWhatIsWrong() {
		assertThat(DataHandler.problem("")).isEqualTo("The key is missing: GET /data/{key}");
		assertThat(DataHandler.problem("k".repeat(201)))
			.isEqualTo("The key is 201 characters long; at most 200 are allowed");
		assertThat(DataHandler.problem("ab/c")).isEqualTo("The key has '/' at position 3; a key holds only letters, "
				+ "digits, '.', '_', ':' and '-' (URL-encoded text is not decoded)");
	}

	@Test
	void optionsHaveDefaultsAndJobParametersRepeat() {
		FetchCacheWebApp.Settings settings = FetchCacheWebApp.Settings.parse("--port=0", "--max-keys=100",
				"--job-parameter=chunkSize=100", "--job-parameter=failAfterFetch=0,2");
		assertThat(settings.port()).isZero();
		assertThat(settings.maxKeys()).isEqualTo(100);
		assertThat(settings.interval()).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.mongoUri()).isEqualTo("mongodb://127.0.0.1:27017");
		assertThat(settings.jobParameters()).isEqualTo(Map.of("chunkSize", "100", "failAfterFetch", "0,2"));
	}

	@Test
	void anUnknownOrInvalidOptionIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> FetchCacheWebApp.Settings.parse("--max-keys=0"))
			.withMessage("--max-keys must be a whole number of at least 1, was '0'");
		assertThatIllegalArgumentException().isThrownBy(() -> FetchCacheWebApp.Settings.parse("--maxkeys=5"))
			.withMessageStartingWith("Unknown option(s) [maxkeys]; known: port, mongo-uri, ");
		assertThatIllegalArgumentException().isThrownBy(() -> FetchCacheWebApp.Settings.parse("--job-parameter=x"))
			.withMessage("--job-parameter must be name=value, was 'x'");
	}

}
