package io.chunking.master.embedded;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An Artemis broker with a TCP acceptor and a persistent journal: messages sent before a master restart are still
 * there after it.
 */
final class EmbeddedArtemisServer implements EmbeddedServer {

	private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();

	private final String url;

	EmbeddedArtemisServer(EmbeddedProperties properties) throws Exception {
		String dir = properties.getDataDir().resolve("artemis").toAbsolutePath().toString();
		this.url = "tcp://" + properties.getHost() + ":" + properties.getBrokerPort();
		Configuration configuration = new ConfigurationImpl().setName("chunking-embedded")
			.setPersistenceEnabled(true)
			.setJournalDirectory(dir + "/journal")
			.setBindingsDirectory(dir + "/bindings")
			.setLargeMessagesDirectory(dir + "/large-messages")
			.setPagingDirectory(dir + "/paging")
			.setSecurityEnabled(false)
			.setJMXManagementEnabled(false)
			.addAcceptorConfiguration("tcp", this.url);
		configuration.addAddressSetting("#", new AddressSettings().setAutoCreateQueues(true)
			.setAutoCreateAddresses(true)
			.setAutoDeleteQueues(false)
			.setAutoDeleteAddresses(false)
			.setMaxDeliveryAttempts(10)
			.setRedeliveryDelay(1000)
			.setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of("DLQ")));
		this.broker.setConfiguration(configuration);
		this.broker.start();
	}

	@Override
	public String describe() {
		return "Artemis broker at " + this.url;
	}

	@Override
	public void close() throws Exception {
		this.broker.stop();
	}

}
