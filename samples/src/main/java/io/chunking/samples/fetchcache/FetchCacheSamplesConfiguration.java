package io.chunking.samples.fetchcache;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.samples.orders.SamplesProperties;

/**
 * The fetch-cache sample job, on the framework's own MongoDB client (the cache is in the samples' database) and the
 * origin of {@code chunking.samples.fetch-cache.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MongoClient.class)
@ConditionalOnBean(MongoClient.class)
@EnableConfigurationProperties(SamplesProperties.class)
public class FetchCacheSamplesConfiguration {

	@Bean
	ChunkedJobDefinition<String, Fetched> fetchCacheJob(MongoClient mongo, SamplesProperties properties) {
		SamplesProperties.FetchCache fetch = properties.getFetchCache();
		return FetchCacheJob.definition(mongo, properties.getMongoDatabase(), fetch.getOrigin(),
				fetch.getRequestsPerSecond(), fetch.getTimeout());
	}

}
