package io.chunking.store.contract;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;

import io.chunking.store.mongo.MongoRateLimitStore;
import io.chunking.store.ratelimit.RateLimitStore;
import io.chunking.store.testing.SharedStoreServers;

/**
 * {@link MongoRateLimitStore} against a Mongo-wire server over sockets, each client with a connection of its own as
 * separate processes would have.
 */
@ExtendWith(SharedStoreServers.Resolver.class)
class MongoRateLimitStoreContractIntegrationTests extends RateLimitStoreContract {

	private final SharedStoreServers servers;

	private final List<MongoClient> clients = new ArrayList<>();

	MongoRateLimitStoreContractIntegrationTests(SharedStoreServers servers) {
		this.servers = servers;
		servers.mongo().getDatabase("chunking").getCollection(MongoRateLimitStore.DEFAULT_COLLECTION).drop();
	}

	@Override
	protected RateLimitStore connect() {
		MongoClient client = this.servers.servers().mongoClient();
		this.clients.add(client);
		return new MongoRateLimitStore(
				client.getDatabase("chunking").getCollection(MongoRateLimitStore.DEFAULT_COLLECTION));
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(MongoClient::close);
	}

}
