package io.chunking.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON form of {@link ChunkRequest}: the only format on the wire (no Java serialization anywhere). Unknown fields are
 * rejected, so a message of a newer, incompatible format fails loudly instead of being half-read. Rejections quote
 * the text as a one-line {@link JmsMessages#excerpt(String) excerpt}.
 */
public final class ChunkRequestCodec {

	private final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.build();

	public String encode(ChunkRequest request) {
		return this.json.writeValueAsString(request);
	}

	/**
	 * @throws InvalidChunkRequestException if {@code text} is not a chunk request of a supported version
	 */
	public ChunkRequest decode(String text) {
		ChunkRequest request;
		try {
			request = this.json.readValue(text, ChunkRequest.class);
		}
		catch (JacksonException ex) {
			throw new InvalidChunkRequestException("Not a chunk request: "
					+ JmsMessages.excerpt(String.valueOf(ex.getOriginalMessage()), 300) + " in "
					+ JmsMessages.excerpt(text), ex);
		}
		if (request.version() != ChunkRequest.VERSION) {
			throw new InvalidChunkRequestException("Chunk request version " + request.version()
					+ " is not supported (this worker reads version " + ChunkRequest.VERSION + "): "
					+ JmsMessages.excerpt(text), null);
		}
		if (request.jobName() == null || request.chunkIndex() < 0) {
			throw new InvalidChunkRequestException(
					"Chunk request lacks a job name or has a negative index: " + JmsMessages.excerpt(text), null);
		}
		return request;
	}

}
