package io.chunking.samples.orders;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import io.chunking.job.ChunkedJobDefinition;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The orders samples, on the framework's own S3 and MongoDB clients (the beans both apps have), and the JDBC
 * database of {@code chunking.samples.jdbc.*}, connected on first use.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ S3Client.class, MongoClient.class })
@ConditionalOnBean({ S3Client.class, MongoClient.class })
@EnableConfigurationProperties(SamplesProperties.class)
public class OrdersSamplesConfiguration {

	@Bean(destroyMethod = "close")
	SampleDatabase sampleDatabase(SamplesProperties properties) {
		return new SampleDatabase(properties.getJdbc());
	}

	@Bean
	ChunkedJobDefinition<Order, OrderTotal> ordersS3CsvJob(S3Client s3, SamplesProperties properties) {
		return OrdersJobs.s3Csv(s3, properties.getBucket());
	}

	@Bean
	ChunkedJobDefinition<Order, OrderTotal> ordersS3NdjsonJob(S3Client s3, MongoClient mongo,
			SamplesProperties properties) {
		return OrdersJobs.s3Ndjson(s3, properties.getBucket(), mongo, properties.getMongoDatabase());
	}

	@Bean
	ChunkedJobDefinition<Order, OrderTotal> ordersMongoJob(MongoClient mongo, SampleDatabase database,
			SamplesProperties properties) {
		return OrdersJobs.mongo(mongo, properties.getMongoDatabase(), database.dataSource());
	}

	@Bean
	ChunkedJobDefinition<Order, OrderTotal> ordersJdbcJob(SampleDatabase database, S3Client s3,
			SamplesProperties properties) {
		return OrdersJobs.jdbc(database.dataSource(), s3, properties.getBucket());
	}

	@Bean
	ChunkedJobDefinition<Order, OrderTotal> ordersFileJob(MongoClient mongo, SamplesProperties properties) {
		return OrdersJobs.file(mongo, properties.getMongoDatabase());
	}

}
