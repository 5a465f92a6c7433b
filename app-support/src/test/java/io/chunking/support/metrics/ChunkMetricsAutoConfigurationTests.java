package io.chunking.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ChunkMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChunkMetricsAutoConfiguration.class));

	@Test
	void chunkMetricsAreRecordedInTheApplicationsMeterRegistry() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withBean(MeterRegistry.class, () -> registry).run((context) -> {
			context.getBean(ChunkMetrics.class).itemsProcessed("demo", 7);

			assertThat(registry.get(ChunkMetrics.ITEMS_PROCESSED).tag("job", "demo").counter().count()).isEqualTo(7);
		});
	}

	@Test
	void chunkMetricsAreKeptInMemoryWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ChunkMetrics.class).doesNotHaveBean(MeterRegistry.class);
			context.getBean(ChunkMetrics.class).retried("demo");
		});
	}

	@Test
	void autoConfigurationBacksOffWhenTheApplicationDefinesChunkMetrics() {
		ChunkMetrics own = ChunkMetrics.inMemory();
		this.contextRunner.withBean(ChunkMetrics.class, () -> own)
			.run((context) -> assertThat(context.getBean(ChunkMetrics.class)).isSameAs(own));
	}

}
