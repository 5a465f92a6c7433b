package io.chunking.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class ChunkedJobTests {

	static ChunkedJobDefinition<String, String> definition() {
		return ChunkedJob.named("upper")
			.parameter(JobParameterSpec.longParam("chunkSize", 500, "Items per chunk"))
			.items(String.class, (args) -> Stream.of("a", "b"))
			.processor((attempt) -> (item) -> item.toUpperCase())
			.chunkSize((args) -> args.getInt("chunkSize"), "chunkSize")
			.build();
	}

	@Test
	void frameworkParametersAreAddedToEveryJob() {
		assertThat(definition().getParameters()).extracting(JobParameterSpec::name)
			.containsExactly("chunkSize", "maxAttempts", "toleratedDeadChunks");
		JobArguments arguments = definition().validate(Map.of());
		assertThat(arguments.getInt("maxAttempts")).isEqualTo(3);
		assertThat(arguments.getString("toleratedDeadChunks")).isEqualTo("0");
	}

	@Test
	void chunkSizeOutsideTwentyToOneThousandIsRejectedNamingItsParameter() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> definition().validate(Map.of("chunkSize", "19")))
			.withMessage("Parameter 'chunkSize' must give a chunk size between 20 and 1000, was 19");
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> definition().validate(Map.of("chunkSize", "1001")))
			.withMessage("Parameter 'chunkSize' must give a chunk size between 20 and 1000, was 1001");
		assertThat(definition().chunkSize(definition().validate(Map.of("chunkSize", "20")))).isEqualTo(20);
	}

	@Test
	void badDeadChunkToleranceIsRejected() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> definition().validate(Map.of("toleratedDeadChunks", "lots")))
			.withMessage("Parameter 'toleratedDeadChunks' must be a count such as 2 or a percentage such as 1%, "
					+ "was 'lots'");
		assertThat(DeadChunkTolerance.parse("2").allowed(1000)).isEqualTo(2);
		assertThat(DeadChunkTolerance.parse("1%").allowed(250)).isEqualTo(2);
		assertThat(DeadChunkTolerance.parse("0").allowed(250)).isZero();
	}

	@Test
	void jobNameMustBeUsableInUrlsQueuesAndKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChunkedJob.named("bad name/x"))
			.withMessageContaining("must start with a letter or digit and contain only letters, digits");
	}

	@Test
	void parameterCannotBeDeclaredTwice() {
		ChunkedJob.Start start = ChunkedJob.named("twice").parameter(JobParameterSpec.longParam("a", 1, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> start.parameter(JobParameterSpec.longParam("a", 2, "")))
			.withMessage("Parameter 'a' is declared twice in job 'twice'");
	}

	@Test
	void scheduleIsCheckedWhenDeclared() {
		assertThat(definition().getSchedule()).isEmpty();
		ChunkedJobDefinition<String, String> nightly = ChunkedJob.named("nightly")
			.items(String.class, (args) -> Stream.of("a"))
			.processor((attempt) -> (item) -> item)
			.schedule("0 0 2 * * *", "Europe/Paris")
			.build();
		assertThat(nightly.getSchedule()).contains(new JobSchedule("0 0 2 * * *", java.time.ZoneId.of("Europe/Paris")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChunkedJob.named("x").items(String.class, (args) -> Stream.of("a"))
				.processor((attempt) -> (item) -> item)
				.schedule("0 2 * * *"))
			.withMessageStartingWith("'0 2 * * *' is not a valid cron expression (six fields");
		assertThatIllegalArgumentException().isThrownBy(() -> JobSchedule.of("0 0 2 * * *", "Mars/Olympus"))
			.withMessageStartingWith("'Mars/Olympus' is not a valid time zone id");
	}

}
