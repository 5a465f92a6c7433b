package io.chunking.protocol;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;

import io.chunking.store.startup.Locations;
import io.chunking.store.startup.StartupWait;

/**
 * Opens one connection to the broker when this bean is made, before any listener starts (a bean that starts
 * listeners depends on it): JMS connects lazily, so without it a master or a worker whose broker is down would
 * start and then fail each send or receive, its listener threads retrying forever. A broker that cannot be reached
 * ends the start naming its URL, or is waited for as {@code chunking.startup.wait} allows.
 */
public final class BrokerStartupCheck implements InitializingBean {

	private final ConnectionFactory connectionFactory;

	private final StartupWait startup;

	private final String url;

	/**
	 * @param connectionFactory the application's JMS connection factory
	 * @param startup how long to wait for the broker
	 * @param url the broker URL it connects to ({@code spring.artemis.broker-url}), without its password
	 */
	public BrokerStartupCheck(ConnectionFactory connectionFactory, StartupWait startup, String url) {
		this.connectionFactory = connectionFactory;
		this.startup = startup;
		this.url = url;
	}

	/** The check of the broker that {@code spring.artemis.broker-url} names in {@code environment}. */
	public static BrokerStartupCheck of(ConnectionFactory connectionFactory, StartupWait startup,
			Environment environment) {
		return new BrokerStartupCheck(connectionFactory, startup,
				Locations.ofProperty(environment, "spring.artemis.broker-url"));
	}

	@Override
	public void afterPropertiesSet() {
		this.startup.await("the Artemis broker", this.url, "spring.artemis.broker-url",
				() -> {
					try (Connection connection = this.connectionFactory.createConnection()) {
						connection.getMetaData();
					}
				}, JMSException.class::isInstance);
	}

}
