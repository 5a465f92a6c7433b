package io.chunking.store.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.chunking.job.RateLimit;
import io.chunking.job.RateLimiters;
import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;
import io.chunking.store.ScheduleStore;
import io.chunking.store.WorkerRegistry;
import io.chunking.store.memory.InMemoryChunkLedger;
import io.chunking.store.memory.InMemoryPayloadStore;
import io.chunking.store.memory.InMemoryRateLimitStore;
import io.chunking.store.memory.InMemoryRunStore;
import io.chunking.store.memory.InMemoryScheduleStore;
import io.chunking.store.memory.InMemoryWorkerRegistry;
import io.chunking.store.mongo.MongoRateLimitStore;
import io.chunking.store.mongo.MongoScheduleStore;
import io.chunking.store.ratelimit.RateLimitStore;
import io.chunking.store.ratelimit.SharedRateLimiters;

/**
 * The auto-configuration's schedule store and rate limiters, in a context whose other stores are the application's
 * in-memory ones (nothing here connects to a server).
 */
class ChunkStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChunkStoreAutoConfiguration.class))
		.withPropertyValues("chunking.store.mongo.uri=mongodb://127.0.0.1:1")
		.withBean(ChunkLedger.class, InMemoryChunkLedger::new)
		.withBean(PayloadStore.class, InMemoryPayloadStore::new)
		.withBean(RunStore.class, InMemoryRunStore::new)
		.withBean(WorkerRegistry.class, InMemoryWorkerRegistry::new);

	@Test
	void scheduleStateIsKeptInMongoDbByDefault() {
		this.runner.run((context) -> assertThat(context).getBean(ScheduleStore.class)
			.isInstanceOf(MongoScheduleStore.class));
	}

	@Test
	void autoConfigurationBacksOffWhenTheApplicationDefinesItsScheduleStore() {
		this.runner.withBean(ScheduleStore.class, InMemoryScheduleStore::new)
			.run((context) -> assertThat(context).getBean(ScheduleStore.class)
				.isInstanceOf(InMemoryScheduleStore.class));
	}

	@Test
	void rateLimitersAreSharedThroughMongoDbByDefault() {
		this.runner.run((context) -> {
			assertThat(context).getBean(RateLimitStore.class).isInstanceOf(MongoRateLimitStore.class);
			assertThat(context).getBean(RateLimiters.class).isInstanceOf(SharedRateLimiters.class);
		});
	}

	@Test
	void rateLimitersUseTheApplicationsRateLimitStore() {
		InMemoryRateLimitStore store = new InMemoryRateLimitStore();
		this.runner.withBean(RateLimitStore.class, () -> store).run((context) -> {
			assertThat(context).getBean(RateLimitStore.class).isSameAs(store);
			assertThat(context.getBean(RateLimiters.class).limiter(RateLimit.perSecond("api", 5))
				.tryAcquire(Duration.ZERO)).isTrue();
			assertThat(store.reserve(new RateLimitStore.Rate("api", 5, 1_000_000_000L), 1, 0, Long.MAX_VALUE))
				.as("after the permit the limiters took").isNotEqualTo(OptionalLong.of(0));
		});
	}

	@Test
	void autoConfigurationBacksOffWhenTheApplicationDefinesItsRateLimiters() {
		RateLimiters own = (limit) -> {
			throw new UnsupportedOperationException();
		};
		this.runner.withBean(RateLimiters.class, () -> own)
			.run((context) -> assertThat(context).getBean(RateLimiters.class).isSameAs(own));
	}

	@Test
	void autoConfigurationBacksOffWhenTheApplicationDefinesItsLedger() {
		this.runner.run((context) -> assertThat(context).getBean(ChunkLedger.class)
			.isInstanceOf(InMemoryChunkLedger.class));
	}

}
