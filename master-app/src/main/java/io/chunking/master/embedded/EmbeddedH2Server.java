package io.chunking.master.embedded;

import java.nio.file.Files;

import org.h2.tools.Server;

/**
 * The H2 job repository served over TCP, with its database file under the data directory, so that other masters
 * and tools share it. Binds to the loopback interface only (no {@code -tcpAllowOthers}).
 */
final class EmbeddedH2Server implements EmbeddedServer {

	private final Server server;

	EmbeddedH2Server(EmbeddedProperties properties) throws Exception {
		String baseDir = Files.createDirectories(properties.getDataDir().resolve("h2")).toAbsolutePath().toString();
		this.server = Server
			.createTcpServer("-tcpPort", Integer.toString(properties.getJdbcPort()), "-baseDir", baseDir, "-ifNotExists")
			.start();
	}

	@Override
	public String describe() {
		return "H2 job repository at " + this.server.getURL();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
