package io.chunking.support.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@link ChunkMetrics} on the application's meter registry (Prometheus when the registry is on the classpath), or
 * in memory without one.
 */
@AutoConfiguration
public final class ChunkMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ChunkMetrics chunkMetrics(ObjectProvider<MeterRegistry> registry) {
		return new ChunkMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

}
