package io.chunking.master.embedded;

import java.util.Set;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import io.chunking.master.trigger.TriggerProperties;
import io.chunking.support.OwnerOnlyFiles;
import io.chunking.protocol.DeadLetters;

/**
 * An Artemis broker with a TCP acceptor and a persistent journal: messages sent before a master restart are still
 * there after it. Security is on: only the embedded login may connect. The acceptor listens on
 * {@code chunking.embedded.host} only. A message delivered 10 times without an acknowledgement goes to the
 * dead-letter queue {@value DeadLetters#QUEUE}, except on the trigger queue ({@link #configureTriggerQueue}).
 */
final class EmbeddedArtemisServer implements EmbeddedServer {

	private static final String ROLE = "chunking";

	/** Milliseconds before a trigger message that was rolled back is delivered again, the first time. */
	static final long TRIGGER_REDELIVERY_DELAY = 5000;

	/** Dead letters the master counts per job at most. */
	static final int DEAD_LETTERS_COUNTED = 100_000;

	private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();

	private final String url;

	EmbeddedArtemisServer(EmbeddedProperties properties) throws Exception {
		this(properties, TriggerProperties.DEFAULT_QUEUE);
	}

	/**
	 * @param triggerQueue the queue of trigger messages ({@code chunking.triggers.queue})
	 */
	EmbeddedArtemisServer(EmbeddedProperties properties, String triggerQueue) throws Exception {
		String dir = OwnerOnlyFiles.directory(properties.getDataDir().resolve("artemis")).toAbsolutePath().toString();
		this.url = "tcp://" + properties.getHost() + ":" + properties.getBrokerPort();
		Configuration configuration = new ConfigurationImpl().setName("chunking-embedded")
			.setPersistenceEnabled(true)
			.setJournalDirectory(dir + "/journal")
			.setBindingsDirectory(dir + "/bindings")
			.setLargeMessagesDirectory(dir + "/large-messages")
			.setPagingDirectory(dir + "/paging")
			.setSecurityEnabled(true)
			.setJMXManagementEnabled(false)
			.setGlobalMaxSize(brokerMemory(properties))
			.addAcceptorConfiguration("tcp", this.url);
		configuration.addAddressSetting("#", new AddressSettings().setAutoCreateQueues(true)
			.setAutoCreateAddresses(true)
			.setAutoDeleteQueues(false)
			.setAutoDeleteAddresses(false)
			.setMaxDeliveryAttempts(10)
			.setRedeliveryDelay(1000)
			.setMaxSizeBytes(brokerMemory(properties))
			.setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
			.setDeadLetterAddress(SimpleString.of(DeadLetters.QUEUE)));
		configureDeadLetterQueue(configuration);
		configureTriggerQueue(configuration, triggerQueue);
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

	private static long brokerMemory(EmbeddedProperties properties) {
		long bytes = properties.getBrokerMemory().toBytes();
		if (bytes < 1024 * 1024) {
			throw new IllegalArgumentException(
					"chunking.embedded.broker-memory must be at least 1MB, was " + properties.getBrokerMemory());
		}
		return bytes;
	}

	/**
	 * The dead-letter queue exists from the start, so that requests that use up their delivery attempts are kept
	 * there instead of dropped. Its own messages are never dead-lettered again, and per-job counts (management
	 * {@code countMessages} grouped by request queue, which reads at most the address's management browse page size)
	 * see up to {@value #DEAD_LETTERS_COUNTED} of them.
	 */
	private static void configureDeadLetterQueue(Configuration configuration) {
		configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(DeadLetters.QUEUE)
			.addRoutingType(RoutingType.ANYCAST)
			.addQueueConfiguration(QueueConfiguration.of(DeadLetters.QUEUE)
				.setAddress(DeadLetters.QUEUE)
				.setRoutingType(RoutingType.ANYCAST)
				.setDurable(true)));
		configuration.addAddressSetting(DeadLetters.QUEUE, new AddressSettings().setMaxDeliveryAttempts(-1)
			.setManagementBrowsePageSize(DEAD_LETTERS_COUNTED));
	}

	/**
	 * A trigger the master could not record (the job repository away, the master stopping) is delivered again after
	 * {@value #TRIGGER_REDELIVERY_DELAY} ms, doubling up to 5 minutes, 10 times in all (about 20 minutes); then
	 * the broker moves it to the trigger queue's rejection queue, which exists from the start so that it is kept.
	 */
	private static void configureTriggerQueue(Configuration configuration, String triggerQueue) {
		String rejected = triggerQueue + TriggerProperties.REJECTED_SUFFIX;
		configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(rejected)
			.addRoutingType(RoutingType.ANYCAST)
			.addQueueConfiguration(QueueConfiguration.of(rejected)
				.setAddress(rejected)
				.setRoutingType(RoutingType.ANYCAST)
				.setDurable(true)));
		configuration.addAddressSetting(triggerQueue, new AddressSettings().setRedeliveryDelay(TRIGGER_REDELIVERY_DELAY)
			.setRedeliveryMultiplier(2)
			.setMaxRedeliveryDelay(300_000L)
			.setMaxDeliveryAttempts(10)
			.setDeadLetterAddress(SimpleString.of(rejected)));
		configuration.addAddressSetting(rejected, new AddressSettings().setMaxDeliveryAttempts(-1));
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
