package io.chunking.master.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Triggers from messages are opt-in: without {@code chunking.triggers.enabled=true} the master consumes no queue.
 * With it, the listener's wiring needs a running master (job repository, broker); the end-to-end tests cover it.
 */
class TriggerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TriggerAutoConfiguration.class));

	@Test
	void noQueueIsConsumedUnlessTriggersAreEnabled() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(DefaultMessageListenerContainer.class)
			.doesNotHaveBean(TriggerListener.class));
		this.runner.withPropertyValues("chunking.triggers.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DefaultMessageListenerContainer.class));
	}

}
