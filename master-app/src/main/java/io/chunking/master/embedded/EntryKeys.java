package io.chunking.master.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Json;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The text keys of {@link KeyPrefixIndex} entries: one token per value of the index keys, then one for the
 * document's id, each closed by a separator. Sorted as strings, the entries of documents sharing the values of the
 * leading keys are then one contiguous run, whose start is the text of those values ({@link #prefix}): that is what
 * lets a sorted MVStore map find them without scanning the rest, which it could not do with {@link KeyValue} keys (not
 * comparable, so MVStore orders them by their serialized bytes).
 * <p>
 * Values are tokenized after mongo-java-server's normalisation ({@link KeyValue#normalized}), under which numbers of
 * equal value are equal, and so that values a query matches by equality get the same token: numbers by their
 * integral or decimal value, strings, booleans, dates, object ids and UUIDs each with a tag of their type. Any other
 * value (documents, arrays, null, binary data) gets a tag of its own and its JSON text: queries never look them up by
 * value ({@link PinnedFields#isPlain}), but a document's id must keep its entries apart from those of others.
 */
final class EntryKeys {

	private static final char SEPARATOR = '\u0000';

	private static final char ESCAPE = '\u0001';

	private static final double LONG_RANGE = 0x1p63;

	private EntryKeys() {
	}

	/** The start of the run of entries whose leading keys hold these values, normalized. */
	static String prefix(KeyValue normalizedValues) {
		StringBuilder text = new StringBuilder();
		for (Object value : normalizedValues) {
			append(text, value);
		}
		return text.toString();
	}

	/**
	 * The first key after every entry that starts with this prefix: the prefix ends with a separator, and a key
	 * sorting between the prefix and the prefix with that separator raised by one must start with the prefix.
	 */
	static String end(String prefix) {
		if (prefix.isEmpty() || prefix.charAt(prefix.length() - 1) != SEPARATOR) {
			throw new IllegalArgumentException("Not the prefix of an entry: " + prefix);
		}
		return prefix.substring(0, prefix.length() - 1) + (char) (SEPARATOR + 1);
	}

	/** The key of the entry of a document with this id and these values of all index keys, normalized. */
	static String entry(KeyValue normalizedValues, @Nullable Object normalizedId) {
		StringBuilder text = new StringBuilder();
		for (Object value : normalizedValues) {
			append(text, value);
		}
		append(text, normalizedId);
		return text.toString();
	}

	/**
	 * The first {@code count} tokens of an entry key (or all, if it has fewer), in order, with the escapes
	 * {@link #append} adds undone: an entry has one per value of the index keys, then the document's id.
	 */
	static List<String> tokens(String entry, int count) {
		List<String> tokens = new ArrayList<>(count);
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < entry.length() && tokens.size() < count; i++) {
			char c = entry.charAt(i);
			if (c == ESCAPE && i + 1 < entry.length()) {
				token.append((char) (entry.charAt(++i) - 2));
			}
			else if (c == SEPARATOR) {
				tokens.add(token.toString());
				token.setLength(0);
			}
			else {
				token.append(c);
			}
		}
		return tokens;
	}

	/**
	 * The value a token stands for, if it tells that value exactly, else {@code null}: integral numbers (which
	 * {@link KeyValue#normalized} makes of any number of integral value: the token does not tell an {@code int} from
	 * a {@code long} or a {@code double} of equal value) as an {@link Integer} when they fit one, else as a
	 * {@link Long}, and strings. No other token is read back: a decimal number's text, a date's or a JSON text may
	 * not give back the value it came from.
	 */
	static @Nullable Object value(String token) {
		if (token.isEmpty()) {
			return null;
		}
		String text = token.substring(1);
		return switch (token.charAt(0)) {
			case 's' -> text;
			case 'n' -> integral(text);
			default -> null;
		};
	}

	private static @Nullable Object integral(String text) {
		long value;
		try {
			value = Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return (value == (int) value) ? (Object) (int) value : (Object) value;
	}

	private static void append(StringBuilder text, @Nullable Object value) {
		String token = token(value);
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == SEPARATOR || c == ESCAPE) {
				// No token holds a bare separator, so a run's prefix never ends inside a token of another run.
				text.append(ESCAPE);
				c = (char) (c + 2);
			}
			text.append(c);
		}
		text.append(SEPARATOR);
	}

	private static String token(@Nullable Object value) {
		if (value instanceof Double number) {
			double d = number;
			if (d == Math.rint(d) && d >= -LONG_RANGE && d < LONG_RANGE) {
				return "n" + (long) d;
			}
			return "d" + d;
		}
		if (value instanceof Long || value instanceof Integer) {
			return "n" + value;
		}
		if (value instanceof String string) {
			return "s" + string;
		}
		if (value instanceof Boolean bool) {
			return "b" + bool;
		}
		if (value instanceof Instant instant) {
			return "t" + instant;
		}
		if (value instanceof ObjectId objectId) {
			return "o" + objectId.getHexData();
		}
		if (value instanceof UUID uuid) {
			return "u" + uuid;
		}
		return "j" + Json.toCompactJsonValue(value);
	}

}
