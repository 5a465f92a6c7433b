package io.chunking.master.broker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;

import java.time.Duration;

import org.springframework.context.annotation.Bean;

/**
 * The master's view of the broker beyond sending requests: its dead-letter queue.
 */
@AutoConfiguration(after = ArtemisAutoConfiguration.class)
public final class BrokerAutoConfiguration {

	/** Longest wait for the broker's answers to one dead-letter call. */
	private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	DeadLetterQueue deadLetterQueue(jakarta.jms.ConnectionFactory connectionFactory) {
		return new DeadLetterQueue(connectionFactory, DEAD_LETTER_TIMEOUT);
	}

}
