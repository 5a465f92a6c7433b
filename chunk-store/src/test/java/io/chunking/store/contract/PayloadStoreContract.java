package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chunking.store.ByteRange;
import io.chunking.store.PayloadNotFoundException;
import io.chunking.store.PayloadStore;
import io.chunking.store.StoreException;

/**
 * What every {@link PayloadStore} guarantees. Each backend's test subclasses it and supplies an empty store.
 */
public abstract class PayloadStoreContract {

	protected PayloadStore payloads;

	/** An initialized store without any object. */
	protected abstract PayloadStore createStore();

	/** The bucket that the store's {@link PayloadNotFoundException} names. */
	protected abstract String bucket();

	@BeforeEach
	void createEmptyStore() {
		this.payloads = createStore();
	}

	@Test
	void anObjectReadsBackAsWritten() {
		this.payloads.put("job/1/payloads/0.ndjson", utf8("a\nb\n"));

		assertThat(this.payloads.get("job/1/payloads/0.ndjson")).isEqualTo(utf8("a\nb\n"));
	}

	@Test
	void aByteRangeReadsBackThatPartOfTheObject() {
		this.payloads.put("job/1/payloads/segment-0.ndjson", utf8("1\n2\n\"three\"\n4\n"));

		assertThat(this.payloads.get("job/1/payloads/segment-0.ndjson", new ByteRange(0, 2))).isEqualTo(utf8("1\n"));
		assertThat(this.payloads.get("job/1/payloads/segment-0.ndjson", new ByteRange(4, 8)))
			.isEqualTo(utf8("\"three\"\n"));
		assertThat(this.payloads.get("job/1/payloads/segment-0.ndjson", new ByteRange(12, 2))).isEqualTo(utf8("4\n"));
	}

	@Test
	void aByteRangePastTheEndOfTheObjectIsAnErrorNamingTheObject() {
		this.payloads.put("job/1/payloads/segment-0.ndjson", utf8("1\n2\n"));

		assertThatExceptionOfType(StoreException.class)
			.isThrownBy(() -> this.payloads.get("job/1/payloads/segment-0.ndjson", new ByteRange(2, 5)))
			.isNotInstanceOf(PayloadNotFoundException.class)
			.withMessageContaining("'job/1/payloads/segment-0.ndjson'")
			.withMessageContaining("ends before");
		assertThatExceptionOfType(StoreException.class)
			.isThrownBy(() -> this.payloads.get("job/1/payloads/segment-0.ndjson", new ByteRange(9, 1)))
			.withMessageContaining("ends before");
	}

	@Test
	void aByteRangeOfAMissingObjectIsReportedWithItsKeyAndBucket() {
		assertThatExceptionOfType(PayloadNotFoundException.class)
			.isThrownBy(() -> this.payloads.get("job/1/payloads/segment-9.ndjson", new ByteRange(0, 1)))
			.withMessage("No object 'job/1/payloads/segment-9.ndjson' in bucket '" + bucket() + "'");
	}

	@Test
	void anEmptyObjectReadsBackEmpty() {
		this.payloads.put("job/1/results/0-1.json", new byte[0]);

		assertThat(this.payloads.get("job/1/results/0-1.json")).isEmpty();
	}

	@Test
	void aSecondPutReplacesTheObject() {
		this.payloads.put("job/1/payloads/0.ndjson", utf8("first"));
		this.payloads.put("job/1/payloads/0.ndjson", utf8("second"));

		assertThat(this.payloads.get("job/1/payloads/0.ndjson")).isEqualTo(utf8("second"));
	}

	@Test
	void aMissingObjectIsReportedWithItsKeyAndBucket() {
		assertThatExceptionOfType(PayloadNotFoundException.class)
			.isThrownBy(() -> this.payloads.get("job/1/payloads/9.ndjson"))
			.withMessage("No object 'job/1/payloads/9.ndjson' in bucket '" + bucket() + "'");
	}

	@Test
	void deletePrefixRemovesOnlyTheObjectsUnderThatPrefix() {
		this.payloads.put("job/1/payloads/0.ndjson", utf8("a\n"));
		this.payloads.put("job/1/results/0-1.json", utf8("{}"));
		this.payloads.put("job/10/payloads/0.ndjson", utf8("c\n"));
		this.payloads.put("job/2/payloads/0.ndjson", utf8("d\n"));

		this.payloads.deletePrefix("job/1/");

		assertThatExceptionOfType(PayloadNotFoundException.class)
			.isThrownBy(() -> this.payloads.get("job/1/payloads/0.ndjson"));
		assertThatExceptionOfType(PayloadNotFoundException.class)
			.isThrownBy(() -> this.payloads.get("job/1/results/0-1.json"));
		assertThat(this.payloads.get("job/10/payloads/0.ndjson")).isEqualTo(utf8("c\n"));
		assertThat(this.payloads.get("job/2/payloads/0.ndjson")).isEqualTo(utf8("d\n"));
	}

	@Test
	void deletePrefixRemovesMoreObjectsThanOneDeleteRequestNames() {
		for (int i = 0; i < 1001; i++) {
			this.payloads.put("many/" + i, utf8("x"));
		}

		this.payloads.deletePrefix("many/");

		assertThatExceptionOfType(PayloadNotFoundException.class).isThrownBy(() -> this.payloads.get("many/0"));
		assertThatExceptionOfType(PayloadNotFoundException.class).isThrownBy(() -> this.payloads.get("many/1000"));
	}

	@Test
	void initializeIsIdempotentAndKeepsTheObjects() {
		this.payloads.put("kept", utf8("x"));

		this.payloads.initialize();

		assertThat(this.payloads.get("kept")).isEqualTo(utf8("x"));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
