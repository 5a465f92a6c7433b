package io.chunking.protocol.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ItemCodecTests {

	private final ItemCodec codec = new ItemCodec();

	record Profile(long id, String name) {
	}

	@Test
	void itemsRoundTripAsNewlineDelimitedJson() {
		byte[] payload = this.codec.encodeItems(List.of(new Profile(1, "a\nb"), new Profile(2, "c")));
		assertThat(new String(payload, StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":1,\"name\":\"a\\nb\"}\n{\"id\":2,\"name\":\"c\"}\n");
		assertThat(this.codec.decodeItems(payload, Profile.class, "payload 'k'")).containsExactly(new Profile(1, "a\nb"),
				new Profile(2, "c"));
	}

	@Test
	void badLineIsReportedWithPayloadAndLine() {
		byte[] payload = "{\"id\":1,\"name\":\"a\"}\nnot json\n".getBytes(StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.decodeItems(payload, Profile.class, "payload 'job/1/p/0'"))
			.withMessageStartingWith("Line 2 of payload 'job/1/p/0' is not a ");
	}

}
