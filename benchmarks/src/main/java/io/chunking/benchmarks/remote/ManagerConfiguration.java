package io.chunking.benchmarks.remote;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.support.converter.JacksonJsonMessageConverter;

/**
 * The manager side of stock remote partitioning, as Spring Batch's own sample wires it: the step execution requests
 * go from the {@code requests} channel to the broker through a JMS outbound adapter (persistent messages, JSON).
 */
@Configuration(proxyBeanMethods = false)
@Import(StockRemoteInfrastructure.class)
class ManagerConfiguration {

	@Bean
	DirectChannel requests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow outboundRequests(ActiveMQConnectionFactory connectionFactory,
			JacksonJsonMessageConverter jsonMessageConverter, DirectChannel requests) {
		return IntegrationFlow.from(requests)
			.handle(Jms.outboundAdapter(connectionFactory)
				.destination(StockRemoteInfrastructure.REQUESTS)
				.configureJmsTemplate((template) -> template.jmsMessageConverter(jsonMessageConverter)))
			.get();
	}

}
