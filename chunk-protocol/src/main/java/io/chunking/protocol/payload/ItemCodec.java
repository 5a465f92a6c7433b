package io.chunking.protocol.payload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Items and results as JSON. A chunk payload is newline-delimited JSON, one item per line, so a payload can be
 * inspected with any text tool.
 */
public final class ItemCodec {

	private final JsonMapper json;

	public ItemCodec() {
		this(JsonMapper.builder().build());
	}

	public ItemCodec(JsonMapper json) {
		this.json = json;
	}

	public byte[] encodeItems(List<?> items) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 32);
		for (Object item : items) {
			byte[] line = this.json.writeValueAsBytes(item);
			out.write(line, 0, line.length);
			out.write('\n');
		}
		return out.toByteArray();
	}

	/**
	 * @param payload the chunk's payload, one JSON item per line
	 * @param source where the payload was read, as an error message should name it, e.g. {@code payload 'key'}
	 * @throws IllegalArgumentException naming the source and line if a line is not an item of {@code type}
	 */
	public <I> List<I> decodeItems(byte[] payload, Class<I> type, String source) {
		List<I> items = new ArrayList<>();
		String text = new String(payload, StandardCharsets.UTF_8);
		int line = 0;
		for (String row : text.split("\n")) {
			line++;
			if (row.isEmpty()) {
				continue;
			}
			try {
				items.add(this.json.readValue(row, type));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Line " + line + " of " + source + " is not a "
						+ type.getName() + ": " + ex.getOriginalMessage(), ex);
			}
		}
		return items;
	}

	public byte[] encode(Object value) {
		return this.json.writeValueAsBytes(value);
	}

	public <T> T decode(byte[] content, Class<T> type, String key) {
		try {
			return this.json.readValue(content, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Object '" + key + "' is not a " + type.getName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

}
