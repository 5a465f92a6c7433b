package io.chunking.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.lang.reflect.Proxy;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

import io.chunking.store.ChunkKey;

class ChunkRequestReaderTests {

	private final ChunkRequestReader reader = new ChunkRequestReader();

	private final ChunkRequestCodec codec = new ChunkRequestCodec();

	@Test
	void textMessageWithARequestOfTheQueuesJobIsRead() throws Exception {
		ChunkRequest request = ChunkRequest.of("demo", 7, new ChunkKey(3, 41));

		assertThat(this.reader.read(text(this.codec.encode(request)), "demo")).isEqualTo(request);
	}

	@Test
	void otherKindsOfMessageAreRejectedByTheirTypeWithoutTouchingTheirBody() {
		// Every method of these messages but the type check throws: the reader may not call any.
		for (Class<? extends Message> type : java.util.List.of(ObjectMessage.class, BytesMessage.class,
				MapMessage.class, Message.class)) {
			assertThatExceptionOfType(InvalidChunkRequestException.class)
				.isThrownBy(() -> this.reader.read(untouchable(type), "demo"))
				.withMessage("A message of type " + type.getSimpleName()
						+ " is not a chunk request: chunk requests are JSON text messages");
		}
	}

	@Test
	void requestOfAnotherJobThanTheQueuesIsRejected() {
		String other = this.codec.encode(ChunkRequest.of("other", 7, new ChunkKey(3, 41)));

		assertThatExceptionOfType(InvalidChunkRequestException.class)
			.isThrownBy(() -> this.reader.read(text(other), "demo"))
			.withMessage("The chunk request names job 'other' but came on the queue of job 'demo'");
	}

	@Test
	void textThatIsNoRequestIsRejectedWithAnExcerptOnOneLine() {
		assertThatExceptionOfType(InvalidChunkRequestException.class)
			.isThrownBy(() -> this.reader.read(text("{not json\n" + "x".repeat(500)), "demo"))
			.withMessageStartingWith("Not a chunk request: ")
			.withMessageContaining(" in {not json\\nxxx")
			.withMessageEndingWith("x...")
			.withMessageNotContaining("\n");
		assertThatExceptionOfType(InvalidChunkRequestException.class)
			.isThrownBy(() -> this.reader.read(text(null), "demo"))
			.withMessage("A text message without text is not a chunk request");
	}

	@Test
	void excerptEscapesControlCharactersAndEndsLongTexts() {
		assertThat(JmsMessages.excerpt("a\r\nb\tc\u0007\u2028")).isEqualTo("a\\r\\nb\\tc\\u0007\\u2028");
		assertThat(JmsMessages.excerpt("y".repeat(JmsMessages.EXCERPT_LENGTH + 1)))
			.isEqualTo("y".repeat(JmsMessages.EXCERPT_LENGTH) + "...");
		assertThat(JmsMessages.excerpt("y".repeat(JmsMessages.EXCERPT_LENGTH))).doesNotEndWith("...");
	}

	private static TextMessage text(String text) {
		return (TextMessage) Proxy.newProxyInstance(ChunkRequestReaderTests.class.getClassLoader(),
				new Class<?>[] { TextMessage.class }, (proxy, method, args) -> {
					if (method.getName().equals("getText")) {
						return text;
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

	private static Message untouchable(Class<? extends Message> type) {
		return (Message) Proxy.newProxyInstance(ChunkRequestReaderTests.class.getClassLoader(),
				new Class<?>[] { type }, (proxy, method, args) -> {
					throw new AssertionError(method.getName() + " was called on a " + type.getSimpleName());
				});
	}

}
