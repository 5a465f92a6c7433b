package io.chunking.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JobArgumentsTests {

	static final List<JobParameterSpec> SPECS = List.of(
			JobParameterSpec.longParam("items", 100, "Items").range(1, 1_000_000),
			JobParameterSpec.doubleParam("rate", 0, "Rate").range(0, 1),
			JobParameterSpec.intListParam("skip", "Chunks to skip"),
			JobParameterSpec.stringParam("label", null, "A label"));

	@Test
	void defaultsFillParametersThatAreNotGiven() {
		JobArguments arguments = JobArguments.validate(SPECS, Map.of("label", "x"));
		assertThat(arguments.getLong("items")).isEqualTo(100);
		assertThat(arguments.getDouble("rate")).isZero();
		assertThat(arguments.getIntList("skip")).isEmpty();
		assertThat(arguments.asStrings()).containsEntry("items", "100").containsEntry("label", "x");
	}

	@Test
	void valuesAreParsedByType() {
		JobArguments arguments = JobArguments.validate(SPECS,
				Map.of("items", " 42 ", "rate", "0.25", "skip", "3, 17", "label", "x"));
		assertThat(arguments.getInt("items")).isEqualTo(42);
		assertThat(arguments.getDouble("rate")).isEqualTo(0.25);
		assertThat(arguments.getIntList("skip")).containsExactly(3, 17);
	}

	@Test
	void outOfRangeValueIsRejectedNamingTheParameterAndTheRange() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> JobArguments.validate(SPECS, Map.of("items", "0", "label", "x")))
			.withMessage("Parameter 'items' must be between 1 and 1000000, was 0")
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("items"));
	}

	@Test
	void unparsableValueIsRejectedNamingTheParameter() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> JobArguments.validate(SPECS, Map.of("rate", "half", "label", "x")))
			.withMessageStartingWith("Parameter 'rate' 'half' is not a valid double");
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> JobArguments.validate(SPECS, Map.of("skip", "3,-1", "label", "x")))
			.withMessageStartingWith("Parameter 'skip' '3,-1' is not a valid int_list");
	}

	@Test
	void unknownParameterIsRejectedListingTheKnownOnes() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> JobArguments.validate(SPECS, Map.of("itemz", "5", "label", "x")))
			.withMessage("Parameter 'itemz' is not a parameter of this job; its parameters are [items, rate, skip, label]");
	}

	@Test
	void requiredParameterWithoutDefaultMustBeGiven() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> JobArguments.validate(SPECS, Map.of()))
			.withMessage("Parameter 'label' is required");
	}

}
