package io.chunking.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

class ChunkErrorTests {

	private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void theErrorOfAFailureIsItsOwnWhenItHasAMessage() {
		ChunkError error = ChunkError.of(new RuntimeException(new IOException("disk")), "w1", 2, AT);

		assertThat(error).isEqualTo(new ChunkError("java.lang.RuntimeException", "java.io.IOException: disk", "w1", 2, AT));
	}

	@Test
	void aWrapperWithoutAMessageOfItsOwnGivesWayToItsCause() {
		RuntimeException wrapper = new RuntimeException(null, new IllegalStateException("boom"));

		assertThat(ChunkError.of(wrapper, "w1", 1, AT).type()).isEqualTo("java.lang.IllegalStateException");
		assertThat(ChunkError.of(wrapper, "w1", 1, AT).message()).isEqualTo("boom");
	}

	@Test
	void theErrorOfAnItemProcessedOnAnotherThreadIsTheItemsOwn() {
		RuntimeException stepFailure = new RuntimeException(null,
				new ExecutionException(new IllegalArgumentException("item 3 is invalid")));

		ChunkError error = ChunkError.of(stepFailure, "w1", 1, AT);

		assertThat(error.type()).isEqualTo("java.lang.IllegalArgumentException");
		assertThat(error.message()).isEqualTo("item 3 is invalid");
	}

	@Test
	void aLongMessageIsTruncated() {
		ChunkError error = ChunkError.of(new IllegalStateException("x".repeat(3000)), "w1", 1, AT);

		assertThat(error.message()).hasSize(ChunkError.MAX_MESSAGE_LENGTH + 3).endsWith("...");
	}

}
