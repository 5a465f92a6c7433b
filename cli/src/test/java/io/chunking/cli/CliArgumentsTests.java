package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CliArgumentsTests {

	@Test
	void optionsMayComeBeforeOrAfterTheCommandInBothForms() {
		CliArguments arguments = CliArguments.parse("--url", "http://m:8080", "run", "demo", "items=5", "--follow",
				"--interval=2");
		assertThat(arguments.command()).isEqualTo("run");
		assertThat(arguments.operands()).containsExactly("demo", "items=5");
		assertThat(arguments.option("url")).isEqualTo("http://m:8080");
		assertThat(arguments.flag("follow")).isTrue();
		assertThat(arguments.durationOption("interval", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void jobParametersKeepEverythingAfterTheFirstEqualsSign() {
		assertThat(CliArguments.jobParameters(List.of("items=5", "poisonChunks=3,17", "expr=a=b")))
			.containsExactly(Map.entry("items", "5"), Map.entry("poisonChunks", "3,17"), Map.entry("expr", "a=b"));
	}

	@Test
	void badCommandLinesSayWhatIsWrong() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CliArguments.parse("jobs", "--verbose"))
			.withMessage("Unknown option '--verbose'");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CliArguments.parse("jobs", "--url"))
			.withMessage("Option --url needs a value");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CliArguments.parse("run", "--follow=yes"))
			.withMessageContaining("--follow takes no value");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CliArguments.jobParameters(List.of("items")))
			.withMessage("Job parameter 'items' is not of the form name=value");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CliArguments.parse("show", "12", "13").executionId())
			.withMessageContaining("takes one execution id, was given 2");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CliArguments.parse("chunks", "x1").executionId())
			.withMessage("'x1' is not an execution id (a number)");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CliArguments.parse("chunks", "1", "--size", "0").intOption("size", 1, 1))
			.withMessage("Option --size must be 1 or more, was 0");
	}

	@Test
	void durationsTakeAUnitAndMeanSecondsWithout() {
		CliArguments arguments = CliArguments.parse("run", "--interval", "500ms", "--timeout=24h");
		assertThat(arguments.durationOption("interval", Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(500));
		assertThat(arguments.durationOption("timeout", Duration.ofSeconds(1))).isEqualTo(Duration.ofHours(24));
		assertThat(CliArguments.parse("run", "--timeout", "90").durationOption("timeout", Duration.ZERO))
			.isEqualTo(Duration.ofSeconds(90));
		assertThat(CliArguments.parse("run", "--timeout", "30m").durationOption("timeout", Duration.ZERO))
			.isEqualTo(Duration.ofMinutes(30));
		assertThat(CliArguments.parse("run").durationOption("timeout", Duration.ofHours(24)))
			.isEqualTo(Duration.ofHours(24));
	}

	@Test
	void aDurationOfZeroOrWithoutANumberIsRefused() {
		for (String bad : new String[] { "0", "0s", "1.5h", "soon", "-5", "5d" }) {
			assertThatExceptionOfType(UsageException.class)
				.isThrownBy(() -> CliArguments.parse("run", "--timeout", bad).durationOption("timeout", Duration.ZERO))
				.withMessage("Option --timeout must be a duration of more than zero such as 90, 90s, 500ms, 30m or 24h, "
						+ "was '" + bad + "'");
		}
	}

}
