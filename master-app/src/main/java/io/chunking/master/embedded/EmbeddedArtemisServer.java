package io.chunking.master.embedded;

import java.util.Set;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An Artemis broker with a TCP acceptor and a persistent journal: messages sent before a master restart are still
 * there after it. Security is on: only the configured user may connect.
 */
final class EmbeddedArtemisServer implements EmbeddedServer {

	private static final String ROLE = "chunking";

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
			.setSecurityEnabled(true)
			.setJMXManagementEnabled(false)
			.addAcceptorConfiguration("tcp", this.url);
		configuration.addAddressSetting("#", new AddressSettings().setAutoCreateQueues(true)
			.setAutoCreateAddresses(true)
			.setAutoDeleteQueues(false)
			.setAutoDeleteAddresses(false)
			.setMaxDeliveryAttempts(10)
			.setRedeliveryDelay(1000)
			.setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of("DLQ")));
		// Clients must log in with chunking.embedded.user/password; that user may do everything on every address.
		configuration.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true,
				true, true, true)));
		SecurityConfiguration users = new SecurityConfiguration();
		users.addUser(properties.getUser(), properties.getPassword());
		users.addRole(properties.getUser(), ROLE);
		this.broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
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
