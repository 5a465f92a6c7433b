package io.chunking.store.contract;

import org.bson.Document;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoCollection;

import io.chunking.store.RunStore;
import io.chunking.store.mongo.MongoRunStore;
import io.chunking.store.testing.SharedStoreServers;

/**
 * {@link MongoRunStore} against a Mongo-wire server over a socket.
 */
@ExtendWith(SharedStoreServers.Resolver.class)
class MongoRunStoreContractIntegrationTests extends RunStoreContract {

	private final MongoCollection<Document> collection;

	MongoRunStoreContractIntegrationTests(SharedStoreServers servers) {
		this.collection = servers.mongo().getDatabase("chunking").getCollection("runs");
	}

	@Override
	protected RunStore createStore() {
		this.collection.drop();
		MongoRunStore store = new MongoRunStore(this.collection);
		store.initialize();
		return store;
	}

}
