package io.chunking.samples.profiles;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.samples.orders.SamplesProperties;

/**
 * The profile re-scoring jobs, on the framework's own MongoDB client, in the database
 * {@code chunking.samples.mongo-database} (default {@code samples}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MongoClient.class)
@ConditionalOnBean(MongoClient.class)
@EnableConfigurationProperties(SamplesProperties.class)
public class ProfilesSamplesConfiguration {

	@Bean
	ChunkedJobDefinition<Long, Profile> profilesGenerateJob(MongoClient mongo, SamplesProperties properties) {
		return ProfilesJobs.generate(mongo, properties.getMongoDatabase());
	}

	@Bean
	ChunkedJobDefinition<Profile, ProfileScore> profilesRescoreJob(MongoClient mongo, SamplesProperties properties) {
		return ProfilesJobs.rescore(mongo, properties.getMongoDatabase());
	}

}
