package io.chunking.samples.largeobject;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.samples.orders.Order;
import io.chunking.samples.orders.SamplesProperties;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The large object job, on the framework's own S3 client, in the bucket {@code chunking.samples.bucket} (default
 * {@code samples}, which must exist).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(S3Client.class)
@ConditionalOnBean(S3Client.class)
@EnableConfigurationProperties(SamplesProperties.class)
public class LargeObjectSamplesConfiguration {

	@Bean
	ChunkedJobDefinition<Order, EnrichedOrder> largeObjectJob(S3Client s3, SamplesProperties properties) {
		return LargeObjectJob.definition(s3, properties.getBucket());
	}

}
