package io.chunking.master.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.h2.engine.SysProperties;
import org.h2.tools.Server;

import io.chunking.support.EmbeddedCredentials;
import io.chunking.support.EmbeddedDefaults;
import io.chunking.support.OwnerOnlyFiles;

/**
 * The H2 job repository served over TCP, with its database file under the data directory, so that other masters
 * and tools share it. It listens on {@code chunking.embedded.host} only, every connection must log in with the
 * embedded login, and clients cannot create databases (the master creates its own in-process, see
 * {@link EmbeddedH2Database}). Connections from other hosts are accepted only when the host is not a loopback
 * address.
 * <p>
 * H2 takes the address to listen on from its system property {@code h2.bindAddress}, read once per JVM: this
 * server sets it to the host before H2 is first used, and refuses to start if H2 was already loaded with another.
 */
final class EmbeddedH2Server implements EmbeddedServer {

	static final String BIND_ADDRESS_PROPERTY = "h2.bindAddress";

	private final Server server;

	private final String url;

	EmbeddedH2Server(EmbeddedProperties properties, EmbeddedCredentials login, EmbeddedCredentials previous)
			throws Exception {
		bindTo(properties.getHost());
		Path directory = OwnerOnlyFiles.directory(properties.getDataDir().resolve("h2"));
		EmbeddedH2Database.prepare(directory, login, previous);
		OwnerOnlyFiles.restrictFilesIn(directory);
		List<String> arguments = new ArrayList<>(List.of("-tcpPort", Integer.toString(properties.getJdbcPort()),
				"-baseDir", directory.toAbsolutePath().toString()));
		if (!EmbeddedDefaults.isLoopback(properties.getHost())) {
			// It listens on that address only; without this H2 would refuse every client but this host's.
			arguments.add("-tcpAllowOthers");
		}
		this.server = Server.createTcpServer(arguments.toArray(String[]::new)).start();
		this.url = "tcp://" + properties.getHost() + ":" + this.server.getPort();
	}

	private static void bindTo(String host) {
		if (System.getProperty(BIND_ADDRESS_PROPERTY) == null) {
			System.setProperty(BIND_ADDRESS_PROPERTY, host);
		}
		if (!host.equals(SysProperties.BIND_ADDRESS)) {
			throw new IllegalStateException("The embedded H2 server must listen on chunking.embedded.host (" + host
					+ ") only, but H2 was loaded in this JVM with " + BIND_ADDRESS_PROPERTY + "="
					+ SysProperties.BIND_ADDRESS + " (H2 reads it once): remove -D" + BIND_ADDRESS_PROPERTY
					+ " or set it to " + host);
		}
	}

	@Override
	public String describe() {
		return "H2 job repository at " + this.url;
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
