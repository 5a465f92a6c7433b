package io.chunking.store.health;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import io.chunking.store.autoconfigure.ChunkStoreProperties;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Health indicators of the chunk store ({@code s3} and {@code mongo} under {@code /actuator/health}), when Spring
 * Boot's health support is on the classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class ChunkStoreHealthConfiguration {

	/** Longest a health check waits for a store. */
	static final Duration TIMEOUT = Duration.ofSeconds(3);

	@Bean
	@ConditionalOnMissingBean(name = "s3HealthIndicator")
	S3HealthIndicator s3HealthIndicator(S3Client s3, ChunkStoreProperties properties) {
		return new S3HealthIndicator(s3, properties.getS3().getBucket(), TIMEOUT);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mongoHealthIndicator")
	MongoHealthIndicator mongoHealthIndicator(MongoClient mongo, ChunkStoreProperties properties) {
		return new MongoHealthIndicator(mongo, properties.getMongo().getDatabase(), TIMEOUT);
	}

}
