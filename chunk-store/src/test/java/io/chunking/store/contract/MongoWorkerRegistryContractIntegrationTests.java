package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoCollection;

import io.chunking.store.WorkerRegistry;
import io.chunking.store.WorkerState;
import io.chunking.store.WorkerStatus;
import io.chunking.store.mongo.MongoWorkerRegistry;
import io.chunking.store.testing.SharedStoreServers;

/**
 * {@link MongoWorkerRegistry} against a Mongo-wire server over a socket, and heartbeats of earlier versions.
 */
@ExtendWith(SharedStoreServers.Resolver.class)
class MongoWorkerRegistryContractIntegrationTests extends WorkerRegistryContract {

	private final MongoCollection<Document> collection;

	MongoWorkerRegistryContractIntegrationTests(SharedStoreServers servers) {
		this.collection = servers.mongo().getDatabase("chunking").getCollection("workers");
	}

	@Override
	protected WorkerRegistry createRegistry() {
		this.collection.drop();
		MongoWorkerRegistry registry = new MongoWorkerRegistry(this.collection);
		registry.initialize();
		return registry;
	}

	@Test
	void heartbeatOfAWorkerThatReportedOnlyItsCurrentChunkReadsAsThatOneChunkInHand() {
		this.workers.heartbeat(status("w1", WorkerState.ACTIVE, T0, List.of()));
		this.collection.updateOne(new Document("_id", "w1"),
				new Document("$set", new Document("currentChunk", "demo/1/3/1")).append("$unset",
						new Document("chunksInHand", "").append("concurrency", "")));

		WorkerStatus status = this.workers.list().get(0);
		assertThat(status.chunksInHand()).containsExactly("demo/1/3/1");
		assertThat(status.concurrency()).as("not reported").isZero();
	}

}
