package io.chunking.connectors.mongo;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

/**
 * Tests against a {@link MongoWireServer} started for each test class, reached by {@link #client}, where each test
 * has a collection of database {@code shop} named after its method.
 */
abstract class MongoWireTestSupport {

	static MongoWireServer server;

	static MongoClient client;

	/** The name of the test's collection. */
	String collection;

	/** The test's collection, to store and find documents directly. */
	MongoCollection<Document> testCollection;

	@BeforeAll
	static void startServer() {
		server = new MongoWireServer();
		client = MongoWireServer.client(server.uri());
	}

	@AfterAll
	static void stopServer() {
		client.close();
		server.close();
	}

	@BeforeEach
	void createCollection(TestInfo test) {
		this.collection = test.getTestMethod().orElseThrow().getName();
		this.testCollection = client.getDatabase("shop").getCollection(this.collection);
	}

}
