package io.chunking.master.batch;

import java.util.List;
import java.util.stream.Stream;

import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.master.manager.ChunkedJobFactory;
import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.protocol.ChunkRequest;
import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;
import io.chunking.store.memory.InMemoryChunkLedger;
import io.chunking.store.memory.InMemoryPayloadStore;
import io.chunking.store.memory.InMemoryRunStore;
import io.chunking.support.metrics.ChunkMetricsAutoConfiguration;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager wiring turns every job definition bean into a registered Spring Batch job, and each of its parts gives
 * way to a user's bean. The stores are the in-memory backends, the broker is never contacted (nothing is sent).
 */
class ChunkedJobsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChunkedJobsAutoConfiguration.class, ChunkMetricsAutoConfiguration.class))
		.withUserConfiguration(Infrastructure.class, Jobs.class)
		.withPropertyValues("chunking.master.id=master-test");

	@Test
	void registersEveryDefinitionAsAJobWithTheDefaultParts() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(JobRegistry.class).getJobNames()).containsExactly("numbers");
			assertThat(context).hasSingleBean(ChunkedJobFactory.class).hasBean("chunkDispatcher");
			assertThat(context.getBean(JobCatalog.class).definitions()).extracting(ChunkedJobDefinition::getName)
				.containsExactly("numbers");
		});
	}

	@Test
	void backsOffWhenTheUserDefinesADispatcher() {
		this.runner.withUserConfiguration(UserDispatcher.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ChunkDispatcher.class).hasBean("recordingDispatcher")
				.doesNotHaveBean("chunkDispatcher");
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAJobRegistry() {
		this.runner.withUserConfiguration(UserRegistry.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(JobRegistry.class);
			assertThat(context.getBean(JobRegistry.class)).isSameAs(context.getBean("userRegistry"));
			assertThat(context.getBean(JobRegistry.class).getJobNames()).containsExactly("numbers");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

		@Bean
		JobRepository jobRepository() {
			return new ResourcelessJobRepository();
		}

		@Bean
		PlatformTransactionManager transactionManager() {
			return new ResourcelessTransactionManager();
		}

		@Bean
		ConnectionFactory connectionFactory() {
			return new ActiveMQConnectionFactory("tcp://127.0.0.1:1");
		}

		@Bean
		ChunkLedger ledger() {
			return new InMemoryChunkLedger();
		}

		@Bean
		PayloadStore payloads() {
			return new InMemoryPayloadStore();
		}

		@Bean
		RunStore runs() {
			return new InMemoryRunStore();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Jobs {

		@Bean
		ChunkedJobDefinition<Integer, Integer> numbers() {
			return ChunkedJob.named("numbers")
				.items(Integer.class, (arguments) -> Stream.of(1, 2, 3))
				.processor((Integer item) -> item)
				.chunkSize(20)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDispatcher {

		@Bean
		ChunkDispatcher recordingDispatcher() {
			return (List<ChunkRequest> requests) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistry {

		@Bean
		JobRegistry userRegistry() {
			return new MapJobRegistry();
		}

	}

}
