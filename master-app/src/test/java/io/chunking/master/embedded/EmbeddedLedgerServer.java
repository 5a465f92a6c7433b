package io.chunking.master.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The master's embedded Mongo-wire server ({@link IndexedH2Backend}) on a loopback port, with a client: for tests
 * of other packages that read the ledger as the master does by default.
 */
public final class EmbeddedLedgerServer implements AutoCloseable {

	private final IndexedH2Backend backend;

	private final MongoServer server;

	private final MongoClient client;

	public EmbeddedLedgerServer(Path dataDir) {
		this.backend = new IndexedH2Backend(dataDir.resolve("chunking.mv").toAbsolutePath().toString());
		this.server = new MongoServer(this.backend);
		this.server.bind(new InetSocketAddress("127.0.0.1", 0));
		this.client = MongoClients.create("mongodb://127.0.0.1:" + this.server.getLocalAddress().getPort());
	}

	/** The chunk ledger's collection, as the master names it. */
	public MongoCollection<Document> chunks() {
		return this.client.getDatabase("chunking").getCollection("chunks");
	}

	@Override
	public void close() {
		this.client.close();
		this.server.shutdownNow();
		this.backend.close();
	}

}
