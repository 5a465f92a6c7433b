package io.chunking.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

import io.chunking.store.ChunkKey;

class ChunkRequestCodecTests {

	private final ChunkRequestCodec codec = new ChunkRequestCodec();

	@Test
	void requestIsPlainJsonWithAVersion() {
		String json = this.codec.encode(ChunkRequest.of("demo", 7, new ChunkKey(3, 41)));
		assertThat(json).isEqualTo(
				"{\"version\":1,\"jobName\":\"demo\",\"jobInstanceId\":3,\"jobExecutionId\":7,\"chunkIndex\":41}");
		assertThat(this.codec.decode(json).key()).isEqualTo(new ChunkKey(3, 41));
	}

	@Test
	void otherVersionIsRejected() {
		assertThatExceptionOfType(InvalidChunkRequestException.class)
			.isThrownBy(() -> this.codec.decode(
					"{\"version\":2,\"jobName\":\"demo\",\"jobInstanceId\":3,\"jobExecutionId\":7,\"chunkIndex\":41}"))
			.withMessageStartingWith("Chunk request version 2 is not supported (this worker reads version 1)");
	}

	@Test
	void unknownFieldsAndNonJsonAreRejected() {
		assertThatExceptionOfType(InvalidChunkRequestException.class).isThrownBy(() -> this.codec.decode(
				"{\"version\":1,\"jobName\":\"d\",\"jobInstanceId\":3,\"jobExecutionId\":7,\"chunkIndex\":1,\"x\":1}"))
			.withMessageStartingWith("Not a chunk request");
		assertThatExceptionOfType(InvalidChunkRequestException.class)
			.isThrownBy(() -> this.codec.decode("rO0ABXNyABFqYXZh"))
			.withMessageStartingWith("Not a chunk request");
	}

	@Test
	void missingFieldsAreRejected() {
		assertThatExceptionOfType(InvalidChunkRequestException.class)
			.isThrownBy(() -> this.codec.decode("{\"version\":1,\"jobName\":\"demo\"}"))
			.withMessageStartingWith("Not a chunk request");
	}

}
