package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
		assertThat(arguments.intOption("interval", 1, 1)).isEqualTo(2);
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
			.isThrownBy(() -> CliArguments.parse("run", "--interval", "0").intOption("interval", 1, 1))
			.withMessage("Option --interval must be 1 or more, was 0");
	}

}
