package io.chunking.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Set;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;

import io.chunking.store.StoreException;
import io.chunking.store.StoreUnavailableException;

class MongoCallsTests {

	@Test
	void anUnreachableServerIsAStoreUnavailableException() {
		MongoSocketOpenException refused = new MongoSocketOpenException("connection refused", new ServerAddress());

		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> MongoCalls.run("Claiming chunk 1", () -> {
				throw refused;
			}))
			.withMessage("Claiming chunk 1 failed: connection refused")
			.withCause(refused)
			.satisfies((ex) -> assertThat(ex.getStore()).isEqualTo("MongoDB"));
	}

	@Test
	void anyOtherDriverExceptionIsAStoreExceptionNotADriverOne() {
		MongoWriteException refused = new MongoWriteException(
				new WriteError(121, "Document failed validation", new BsonDocument()), new ServerAddress(),
				Set.of());

		assertThatExceptionOfType(StoreException.class)
			.isThrownBy(() -> MongoCalls.call("Recording 3 chunks", () -> {
				throw refused;
			}))
			.isNotInstanceOf(StoreUnavailableException.class)
			.withMessage("Recording 3 chunks failed: " + refused.getMessage())
			.withCause(refused);
	}

}
