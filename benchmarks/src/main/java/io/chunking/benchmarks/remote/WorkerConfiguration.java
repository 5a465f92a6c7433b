package io.chunking.benchmarks.remote;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jms.support.converter.JacksonJsonMessageConverter;

import io.chunking.job.ResultAggregation;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.samples.checksum.DemoChecksumJob;

/**
 * A worker of stock remote partitioning, as Spring Batch's own sample wires it: a JMS message-driven adapter (one
 * consumer) feeds {@code StepExecutionRequest}s to the worker step that {@link RemotePartitioningWorkerStepBuilder}
 * builds, whose {@code StepExecutionRequestHandler} reads the step execution from the job repository and runs it. No
 * reply: the manager polls the job repository. The step is chunk-oriented with {@value #COMMIT_INTERVAL} items per
 * transaction, as the framework's worker step (chunking.worker.commit-interval defaults to 100).
 */
@Configuration(proxyBeanMethods = false)
@Import(StockRemoteInfrastructure.class)
class WorkerConfiguration {

	static final int COMMIT_INTERVAL = 100;

	@Bean
	DirectChannel requests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow inboundRequests(ActiveMQConnectionFactory connectionFactory,
			JacksonJsonMessageConverter jsonMessageConverter, DirectChannel requests) {
		return IntegrationFlow
			.from(Jms.messageDrivenChannelAdapter(connectionFactory)
				.destination(StockRemoteInfrastructure.REQUESTS)
				.jmsMessageConverter(jsonMessageConverter))
			.channel(requests)
			.get();
	}

	@Bean
	Step worker(JobRepository jobRepository, JdbcTransactionManager transactionManager, DirectChannel requests,
			BeanFactory beanFactory) {
		ChunkedJobRuntime<String, Long> definition = ChunkedJobRuntime.of(DemoChecksumJob.definition());
		return new RemotePartitioningWorkerStepBuilder("worker", jobRepository).inputChannel(requests)
			.beanFactory(beanFactory)
			.<String, Long>chunk(COMMIT_INTERVAL)
			.transactionManager(transactionManager)
			.reader(new PartitionItemReader())
			.processor(new DemoChecksumProcessor(definition,
					StockRemoteInfrastructure.required("bench.workerId")))
			.writer(writer(definition.getAggregation()))
			.build();
	}

	private static <P> PartialResultWriter<P> writer(ResultAggregation<Long, P> aggregation) {
		return new PartialResultWriter<>(aggregation);
	}

}
