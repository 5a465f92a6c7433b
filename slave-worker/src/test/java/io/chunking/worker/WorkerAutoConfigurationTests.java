package io.chunking.worker;

import java.util.stream.Stream;

import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.RateLimiters;
import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;
import io.chunking.store.memory.InMemoryChunkLedger;
import io.chunking.store.memory.InMemoryPayloadStore;
import io.chunking.store.memory.InMemoryRateLimitStore;
import io.chunking.store.memory.InMemoryRunStore;
import io.chunking.store.ratelimit.SharedRateLimiters;
import io.chunking.support.metrics.ChunkMetricsAutoConfiguration;
import io.chunking.support.scheduling.PeriodicTasks;
import io.chunking.support.scheduling.PeriodicTasksAutoConfiguration;
import io.chunking.worker.chunk.ChunkWorker;
import io.chunking.worker.chunk.LeaseKeeper;
import io.chunking.worker.chunk.WorkerSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker wiring serves every job definition on the classpath and gives way to a user's beans; with no job
 * definition at all it refuses to start, saying how to give it one. Stores are the in-memory backends.
 */
class WorkerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkerAutoConfiguration.class, PeriodicTasksAutoConfiguration.class,
				ChunkMetricsAutoConfiguration.class))
		.withUserConfiguration(Stores.class)
		.withPropertyValues("chunking.worker.id=worker-test");

	@Test
	void servesEveryJobDefinitionOnTheClasspath() {
		this.runner.withUserConfiguration(Jobs.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ChunkWorker worker = context.getBean(ChunkWorker.class);
			assertThat(worker.getWorkerId()).isEqualTo("worker-test");
			assertThat(worker.getJobNames()).containsExactly("numbers");
			assertThat(context).hasSingleBean(LeaseKeeper.class).hasSingleBean(PeriodicTasks.class);
		});
	}

	@Test
	void refusesToStartWithoutAnyJobDefinition() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("No job definitions found")
			.hasMessageContaining("-Dloader.path="));
	}

	@Test
	void backsOffWhenTheUserDefinesALeaseKeeper() {
		this.runner.withUserConfiguration(Jobs.class, UserLeaseKeeper.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(LeaseKeeper.class).hasBean("userLeases").doesNotHaveBean("leaseKeeper");
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheScheduler() {
		this.runner.withUserConfiguration(Jobs.class, UserTasks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(PeriodicTasks.class).hasBean("userTasks");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Stores {

		@Bean
		RateLimiters rateLimiters() {
			return new SharedRateLimiters(new InMemoryRateLimitStore());
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
	static class UserLeaseKeeper {

		@Bean(destroyMethod = "close")
		LeaseKeeper userLeases(ChunkLedger ledger, PeriodicTasks tasks) {
			return new LeaseKeeper(ledger, WorkerSettings.DEFAULTS, tasks);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTasks {

		@Bean(destroyMethod = "close")
		PeriodicTasks userTasks() {
			return new PeriodicTasks("user", 1);
		}

	}

}
