package io.chunking.master.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Settings of an embedded broker for a test: on localhost, on a free port, with its data in the test's directory,
 * and a client of it logged in as its user.
 */
final class LocalBroker {

	private LocalBroker() {
	}

	static EmbeddedProperties properties(Path dataDir) throws IOException {
		EmbeddedProperties properties = new EmbeddedProperties();
		properties.setHost("127.0.0.1");
		properties.setDataDir(dataDir);
		properties.setPassword("local-broker-secret");
		try (ServerSocket socket = new ServerSocket(0)) {
			properties.setBrokerPort(socket.getLocalPort());
		}
		return properties;
	}

	static ActiveMQConnectionFactory client(EmbeddedProperties properties) {
		return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + properties.getBrokerPort(), properties.getUser(),
				properties.getPassword());
	}

}
