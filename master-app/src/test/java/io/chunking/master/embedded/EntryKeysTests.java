package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Entry keys read back: the tokens of an entry, escapes undone, and the values of those that tell them exactly.
 */
class EntryKeysTests {

	@Test
	void stringsAndIntegralNumbersAreReadBackFromTheirTokens() {
		ObjectId id = new ObjectId();
		String entry = EntryKeys.entry(new KeyValue(7L, "PENDING", 12_345).normalized(), id);

		List<String> tokens = EntryKeys.tokens(entry, 4);

		assertThat(tokens).hasSize(4);
		assertThat(EntryKeys.value(tokens.get(0))).isEqualTo(7);
		assertThat(EntryKeys.value(tokens.get(1))).isEqualTo("PENDING");
		assertThat(EntryKeys.value(tokens.get(2))).isEqualTo(12_345);
		assertThat(EntryKeys.value(tokens.get(3))).as("an object id").isNull();
		assertThat(EntryKeys.tokens(entry, 2)).containsExactly(tokens.get(0), tokens.get(1));
	}

	@Test
	void separatorsAndEscapesInStringsAreReadBackAsWritten() {
		List<String> strings = List.of("a\u0000b", "\u0001", "\u0002\u0003", "\u0001\u0000\u0001", "", "é✓");
		List<Object> values = new ArrayList<>(strings);
		values.add(-1);
		String entry = EntryKeys.entry(new KeyValue(values.toArray()).normalized(), "id");

		List<Object> read = new ArrayList<>();
		for (String token : EntryKeys.tokens(entry, values.size() + 1)) {
			read.add(EntryKeys.value(token));
		}

		List<Object> expected = new ArrayList<>(values);
		expected.add("id");
		assertThat(read).isEqualTo(expected);
	}

	@Test
	void numbersAreIntegersWhenTheyFitOneAndLongsOtherwiseWhateverTheirType() {
		assertThat(value(5L)).isEqualTo(5);
		assertThat(value(5.0)).isEqualTo(5);
		assertThat(value(-2_147_483_648L)).isEqualTo(Integer.MIN_VALUE);
		assertThat(value(2_147_483_648L)).isEqualTo(2_147_483_648L);
		assertThat(value(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
		assertThat(value(-3_000_000_000.0)).isEqualTo(-3_000_000_000L);
	}

	@Test
	void tokensThatDoNotTellTheirValueExactlyAreNotReadBack() {
		assertThat(value(2.5)).as("a decimal number").isNull();
		assertThat(value(true)).as("a boolean").isNull();
		assertThat(value(Instant.parse("2026-01-01T00:00:00Z"))).as("a date").isNull();
		assertThat(value(null)).as("null").isNull();
		assertThat(value(new Document("a", 1))).as("a document").isNull();
		assertThat(EntryKeys.value("")).isNull();
		assertThat(EntryKeys.value("nx")).isNull();
	}

	private static Object value(Object value) {
		String entry = EntryKeys.entry(new KeyValue(value).normalized(), 1);
		return EntryKeys.value(EntryKeys.tokens(entry, 1).get(0));
	}

}
