package io.chunking.master.broker;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master's view of the broker beyond sending requests: its dead-letter queue.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

	/** Longest wait for the broker's answers to one dead-letter call. */
	private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	DeadLetterQueue deadLetterQueue(jakarta.jms.ConnectionFactory connectionFactory) {
		return new DeadLetterQueue(connectionFactory, DEAD_LETTER_TIMEOUT);
	}

}
