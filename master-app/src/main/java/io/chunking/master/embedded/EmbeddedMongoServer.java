package io.chunking.master.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import de.bwaldvogel.mongo.MongoServer;

import io.chunking.support.OwnerOnlyFiles;

/**
 * A Mongo-wire server (mongo-java-server) keeping its data in an H2 MVStore file under the data directory. It has
 * no authentication: it listens on {@code chunking.embedded.mongo-host}, loopback unless configured otherwise, and
 * warns when that address reaches beyond this host.
 */
final class EmbeddedMongoServer implements EmbeddedServer {

	private static final Log logger = LogFactory.getLog(EmbeddedMongoServer.class);

	private final IndexedH2Backend backend;

	private final MongoServer server;

	EmbeddedMongoServer(EmbeddedProperties properties) throws Exception {
		Path directory = OwnerOnlyFiles.directory(properties.getDataDir().resolve("mongo"));
		this.backend = new IndexedH2Backend(directory.resolve("chunking.mv").toAbsolutePath().toString());
		OwnerOnlyFiles.restrictFilesIn(directory);
		this.server = new MongoServer(this.backend);
		InetSocketAddress address = new InetSocketAddress(properties.getMongoHost(), properties.getMongoPort());
		this.server.bind(address);
		if (!address.getAddress().isLoopbackAddress()) {
			logger.warn("The embedded Mongo-wire server has no authentication and listens on " + address
					+ ", beyond this host (chunking.embedded.mongo-host): anyone who reaches that address can read "
					+ "and rewrite the chunk ledger. Keep it on a trusted network; in production use MongoDB with "
					+ "authentication and TLS (chunking.store.mongo.uri)");
		}
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
