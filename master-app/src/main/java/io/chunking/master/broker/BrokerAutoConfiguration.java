package io.chunking.master.broker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.chunking.protocol.BrokerStartupCheck;
import io.chunking.store.startup.StartupWait;

/**
 * The master's view of the broker beyond sending requests: its dead-letter queue, and a check at start-up that it
 * can be reached.
 */
@AutoConfiguration(after = ArtemisAutoConfiguration.class)
public final class BrokerAutoConfiguration {

	/** Longest wait for the broker's answers to one dead-letter call. */
	private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnBean(jakarta.jms.ConnectionFactory.class)
	BrokerStartupCheck brokerStartupCheck(jakarta.jms.ConnectionFactory connectionFactory,
			ObjectProvider<StartupWait> startup, Environment environment) {
		return BrokerStartupCheck.of(connectionFactory, startup.getIfAvailable(StartupWait::once), environment);
	}

	@Bean
	DeadLetterQueue deadLetterQueue(jakarta.jms.ConnectionFactory connectionFactory) {
		return new DeadLetterQueue(connectionFactory, DEAD_LETTER_TIMEOUT);
	}

}
