package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoCollection;

import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ItemCounts;
import io.chunking.store.mongo.MongoChunkLedger;
import io.chunking.store.testing.SharedStoreServers;

/**
 * {@link MongoChunkLedger} against a Mongo-wire server over a socket, and what it leaves in its documents.
 */
@ExtendWith(SharedStoreServers.Resolver.class)
class MongoChunkLedgerContractIntegrationTests extends ChunkLedgerContract {

	private final MongoCollection<Document> collection;

	MongoChunkLedgerContractIntegrationTests(SharedStoreServers servers) {
		this.collection = servers.mongo().getDatabase("chunking").getCollection("chunks");
	}

	@Override
	protected ChunkLedger createLedger() {
		this.collection.drop();
		MongoChunkLedger ledger = new MongoChunkLedger(this.collection);
		ledger.initialize();
		return ledger;
	}

	@Test
	void initializeCreatesTheKeyAndStatusIndexes() {
		this.ledger.initialize();

		List<String> indexes = new ArrayList<>();
		this.collection.listIndexes().forEach((index) -> indexes.add(index.getString("name")));
		assertThat(indexes).contains("chunk_key", "chunk_status");
	}

	@Test
	void aSendIsRecordedEvenWhenAWorkerClaimedTheChunkBeforeTheRecord() {
		recordChunks(1, 1);
		this.ledger.dispatched(1, List.of(0), T0);
		// The master sends the request again, a worker claims the chunk at once, then the master records the send.
		claim(1, 0, "w1", T0.plusSeconds(20));
		this.ledger.dispatched(1, List.of(0), T0.plusSeconds(20));

		Document chunk = this.collection.find(new Document("chunkIndex", 0)).first();
		assertThat(chunk.getString("status")).isEqualTo("RUNNING");
		assertThat(chunk.getInteger("dispatchCount")).as("both sends recorded").isEqualTo(2);
		assertThat(chunk.getDate("dispatchedAt").toInstant()).isEqualTo(T0.plusSeconds(20));
	}

	@Test
	void aRejectedCompletionIsKeptOnTheChunkDocument() {
		recordChunks(1, 1);
		ChunkClaim claim = claim(1, 0, "w1", T0);
		this.ledger.complete(claim, TEN_DONE, T0);

		assertThat(this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(10, 10, 0), "late"), T0)).isFalse();

		List<Document> rejected = this.collection.find(new Document("chunkIndex", 0))
			.first()
			.getList("rejectedCompletions", Document.class);
		assertThat(rejected).singleElement().satisfies((rejection) -> {
			assertThat(rejection.getInteger("attempt")).isEqualTo(1);
			assertThat(rejection.getString("workerId")).isEqualTo("w1");
		});
	}

}
