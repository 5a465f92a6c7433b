package io.chunking.master.trigger;

import jakarta.jms.ConnectionFactory;

import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.util.Assert;

import io.chunking.master.batch.ChunkedJobsAutoConfiguration;
import io.chunking.master.batch.ExecutionLauncher;
import io.chunking.master.batch.ExecutionQueries;
import io.chunking.master.batch.JobCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Jobs triggered by messages, when {@code chunking.triggers.enabled}: a listener container on the trigger queue
 * whose sessions are transacted, so that a message is acknowledged only once its execution is recorded (or it is
 * rejected), and delivered again otherwise.
 */
@AutoConfiguration(after = { ChunkedJobsAutoConfiguration.class, ArtemisAutoConfiguration.class })
@EnableConfigurationProperties(TriggerProperties.class)
@ConditionalOnBooleanProperty(name = "chunking.triggers.enabled")
public final class TriggerAutoConfiguration {

	/** Milliseconds a consumer waits for a message before it looks again (and sees a stop). */
	private static final long RECEIVE_TIMEOUT = 1000;

	@Bean
	TriggerListener triggerListener(ExecutionLauncher launcher, JobCatalog catalog, JobRepository jobRepository,
			ExecutionQueries queries, TriggerProperties properties, ObjectProvider<MeterRegistry> registry) {
		Assert.hasText(properties.getQueue(), "chunking.triggers.queue must name the trigger queue");
		return new TriggerListener(new TriggerLauncher(launcher, catalog, jobRepository, queries),
				properties.getQueue(), registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	DefaultMessageListenerContainer triggerListenerContainer(ConnectionFactory connectionFactory,
			TriggerListener listener, TriggerProperties properties) {
		Assert.isTrue(properties.getConcurrency() > 0,
				"chunking.triggers.concurrency must be at least 1, was " + properties.getConcurrency());
		DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setDestinationName(properties.getQueue());
		container.setSessionTransacted(true);
		container.setConcurrentConsumers(properties.getConcurrency());
		container.setMaxConcurrentConsumers(properties.getConcurrency());
		container.setReceiveTimeout(RECEIVE_TIMEOUT);
		container.setMessageListener(listener);
		container.setErrorHandler(TriggerAutoConfiguration::rolledBack);
		return container;
	}

	/** A failure that passes was logged by the listener in one line; any other is logged here, with its cause. */
	private static void rolledBack(Throwable ex) {
		if (!(ex instanceof TriggerListener.TriggerNotRecordedException)
				&& !(ex.getCause() instanceof TriggerListener.TriggerNotRecordedException)) {
			LogFactory.getLog(TriggerListener.class)
				.warn("A trigger message was rolled back and is delivered again: " + ex.getMessage(), ex);
		}
	}

}
