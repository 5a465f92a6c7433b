package io.chunking.store.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import io.chunking.job.RateLimiters;
import io.chunking.store.mongo.MongoRateLimitStore;
import io.chunking.store.ratelimit.RateLimitStore;
import io.chunking.store.ratelimit.SharedRateLimiters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The {@link RateLimiters} shared by every master and worker process, on the chunk store's MongoDB (collection
 * {@code chunking.store.mongo.rate-limit-collection}), when the job API is on the classpath; meters go to the
 * application's meter registry.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "io.chunking.job.RateLimiters", "io.micrometer.core.instrument.MeterRegistry" })
class RateLimitersConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimitStore rateLimitStore(MongoClient mongo, ChunkStoreProperties properties) {
		ChunkStoreProperties.Mongo settings = properties.getMongo();
		return new MongoRateLimitStore(
				mongo.getDatabase(settings.getDatabase()).getCollection(settings.getRateLimitCollection()));
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimiters rateLimiters(RateLimitStore store, ObjectProvider<MeterRegistry> registry) {
		return new SharedRateLimiters(store, registry.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
	}

}
