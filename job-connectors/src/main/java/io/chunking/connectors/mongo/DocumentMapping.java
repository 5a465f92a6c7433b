package io.chunking.connectors.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.bson.types.Symbol;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a document into plain JSON values that Jackson maps onto a record class: object ids as their hex strings,
 * dates as ISO-8601 instants, decimals as {@code BigDecimal}, binaries as bytes, nested documents as maps.
 * Properties of the document that the class lacks are ignored: a document often carries more than a job needs.
 */
final class DocumentMapping {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private DocumentMapping() {
	}

	static @Nullable Object plain(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> plain = new LinkedHashMap<>();
			map.forEach((key, entry) -> plain.put(String.valueOf(key), plain(entry)));
			return plain;
		}
		if (value instanceof Collection<?> list) {
			ArrayList<@Nullable Object> plain = new ArrayList<>(list.size());
			list.forEach((entry) -> plain.add(plain(entry)));
			return plain;
		}
		if (value instanceof ObjectId id) {
			return id.toHexString();
		}
		if (value instanceof Date date) {
			return date.toInstant().toString();
		}
		if (value instanceof Decimal128 decimal) {
			return (decimal.isNaN() || decimal.isInfinite()) ? decimal.toString() : decimal.bigDecimalValue();
		}
		if (value instanceof Binary binary) {
			return binary.getData();
		}
		if (value instanceof Symbol symbol) {
			return symbol.getSymbol();
		}
		if (value instanceof Code code) {
			return code.getCode();
		}
		return value;
	}

}
