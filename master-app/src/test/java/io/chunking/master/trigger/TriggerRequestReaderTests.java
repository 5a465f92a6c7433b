package io.chunking.master.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TriggerRequestReaderTests {

	private final TriggerRequestReader reader = new TriggerRequestReader();

	@Test
	void aTriggerNamesItsJobParametersAndKey() {
		TriggerRequest request = this.reader.read("{\"job\": \"demo-checksum\", \"parameters\": {\"items\": \"1000\", "
				+ "\"chunkSize\": 50}, \"idempotencyKey\": \"order-batch-17\"}");
		assertThat(request).isEqualTo(new TriggerRequest("demo-checksum", Map.of("items", "1000", "chunkSize", "50"),
				"order-batch-17"));
		assertThat(request.runId()).isEqualTo("trigger:order-batch-17");
	}

	@Test
	void parametersAreOptional() {
		assertThat(this.reader.read("{\"job\": \"demo-checksum\", \"idempotencyKey\": \"a.b_c:d-1\"}").parameters())
			.isEmpty();
		assertThat(this.reader.read("{\"job\": \"demo-checksum\", \"parameters\": null, \"idempotencyKey\": \"k\"}")
			.parameters()).isEmpty();
	}

	@Test
	void textThatIsNotJsonIsAnInvalidRequestSayingWhere() {
		assertThat(assertInvalid("{not json", "The message is not valid JSON (").getMessage())
			.contains("at line 1, column 2");
		assertInvalid("[1, 2]", "The message is not a JSON object; send ");
	}

	@Test
	void theIdempotencyKeyIsRequired() {
		assertInvalid("{\"job\": \"demo-checksum\"}", "Field 'idempotencyKey' is missing: ");
		assertInvalid("{\"job\": \"demo-checksum\", \"idempotencyKey\": null}", "Field 'idempotencyKey' is missing: ");
	}

	@Test
	void anIdempotencyKeyIsAtMostOneHundredLettersDigitsAndDotUnderscoreColonOrDash() {
		String longest = "k".repeat(TriggerRequest.MAX_KEY_LENGTH);
		assertThat(this.reader.read("{\"job\": \"j\", \"idempotencyKey\": \"" + longest + "\"}").idempotencyKey())
			.isEqualTo(longest);
		for (String key : new String[] { "\"" + longest + "k\"", "\"\"", "\"with space\"", "\"a/b\"", "\"é\"", "17" }) {
			assertInvalid("{\"job\": \"j\", \"idempotencyKey\": " + key + "}",
					"Field 'idempotencyKey' must be 1 to 100 letters, digits and '._:-', was ");
		}
	}

	@Test
	void theJobMustBeNamed() {
		assertInvalid("{\"idempotencyKey\": \"k\"}", "Field 'job' must name the job to start, was missing");
		assertInvalid("{\"job\": 3, \"idempotencyKey\": \"k\"}", "Field 'job' must name the job to start, was 3");
		assertInvalid("{\"job\": \" \", \"idempotencyKey\": \"k\"}", "Field 'job' must name the job to start");
	}

	@Test
	void parametersAreStringsOrNumbers() {
		assertInvalid("{\"job\": \"j\", \"parameters\": [1], \"idempotencyKey\": \"k\"}",
				"Field 'parameters' must be an object of names and values, was [1]");
		assertInvalid("{\"job\": \"j\", \"parameters\": {\"items\": {\"n\": 1}}, \"idempotencyKey\": \"k\"}",
				"Parameter 'items' must be a string or a number, was {\"n\":1}");
		assertInvalid("{\"job\": \"j\", \"parameters\": {\"items\": null}, \"idempotencyKey\": \"k\"}",
				"Parameter 'items' must be a string or a number, was null");
	}

	@Test
	void unknownFieldsAreRefusedSoThatAMisspeltOneIsNotIgnored() {
		assertInvalid("{\"job\": \"j\", \"params\": {\"items\": 1}, \"idempotencyKey\": \"k\"}",
				"Unknown field 'params' in the trigger; it takes 'job', 'parameters' and 'idempotencyKey' only");
	}

	@Test
	void aTextLongerThanTheLimitIsNotParsed() {
		String text = "{\"job\": \"" + "j".repeat(TriggerRequestReader.MAX_LENGTH) + "\"}";
		assertInvalid(text, "The trigger is " + text.length() + " characters long; at most "
				+ TriggerRequestReader.MAX_LENGTH + " are read");
	}

	private InvalidTriggerException assertInvalid(String text, String message) {
		InvalidTriggerException ex = catchThrowableOfType(InvalidTriggerException.class, () -> this.reader.read(text));
		assertThat(ex).as("refused: %s", text).isNotNull();
		assertThat(ex.getMessage()).startsWith(message);
		assertThat(ex.getError()).isEqualTo(InvalidTriggerException.INVALID_REQUEST);
		return ex;
	}

}
