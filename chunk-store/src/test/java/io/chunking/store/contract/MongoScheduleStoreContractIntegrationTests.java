package io.chunking.store.contract;

import org.bson.Document;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoCollection;

import io.chunking.store.ScheduleStore;
import io.chunking.store.mongo.MongoScheduleStore;
import io.chunking.store.testing.SharedStoreServers;

/**
 * {@link MongoScheduleStore} against a Mongo-wire server over a socket.
 */
@ExtendWith(SharedStoreServers.Resolver.class)
class MongoScheduleStoreContractIntegrationTests extends ScheduleStoreContract {

	private final MongoCollection<Document> collection;

	MongoScheduleStoreContractIntegrationTests(SharedStoreServers servers) {
		this.collection = servers.mongo().getDatabase("chunking").getCollection(MongoScheduleStore.DEFAULT_COLLECTION);
	}

	@Override
	protected ScheduleStore createStore() {
		this.collection.drop();
		return new MongoScheduleStore(this.collection);
	}

}
