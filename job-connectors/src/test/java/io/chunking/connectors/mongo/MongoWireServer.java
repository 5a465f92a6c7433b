package io.chunking.connectors.mongo;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A Mongo-wire server (mongo-java-server, in-memory H2 backend) on a free localhost port of this JVM, reached by real
 * clients over a socket.
 */
final class MongoWireServer implements AutoCloseable {

	private final MongoServer server;

	private final H2Backend backend;

	MongoWireServer() {
		this.backend = H2Backend.inMemory();
		this.server = new MongoServer(this.backend);
		this.server.bind(new InetSocketAddress("127.0.0.1", 0));
	}

	String uri() {
		return "mongodb://127.0.0.1:" + this.server.getLocalAddress().getPort();
	}

	/** A client of {@code uri} that gives up on an unreachable server after 1 s. */
	static MongoClient client(String uri) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(uri))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(1, TimeUnit.SECONDS))
			.build());
	}

	@Override
	public void close() {
		this.server.shutdownNow();
		this.backend.close();
	}

}
