package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiClientTests {

	@Test
	void namesInAPathAreOneEncodedSegment() {
		assertThat(ApiClient.segment("demo-checksum")).isEqualTo("demo-checksum");
		assertThat(ApiClient.segment("a/b c")).isEqualTo("a%2Fb%20c");
	}

}
