package io.chunking.master.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Files;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A Mongo-wire server (mongo-java-server) keeping its data in an H2 MVStore file under the data directory.
 */
final class EmbeddedMongoServer implements EmbeddedServer {

	private final H2Backend backend;

	private final MongoServer server;

	EmbeddedMongoServer(EmbeddedProperties properties) throws Exception {
		String file = Files.createDirectories(properties.getDataDir().resolve("mongo"))
			.resolve("chunking.mv")
			.toAbsolutePath()
			.toString();
		this.backend = new H2Backend(file);
		this.server = new MongoServer(this.backend);
		this.server.bind(new InetSocketAddress(properties.getHost(), properties.getMongoPort()));
	}

	@Override
	public String describe() {
		return "Mongo-wire server at " + this.server.getLocalAddress();
	}

	@Override
	public void close() {
		this.server.shutdownNow();
		this.backend.close();
	}

}
