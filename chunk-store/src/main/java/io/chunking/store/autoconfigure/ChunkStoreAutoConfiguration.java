package io.chunking.store.autoconfigure;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;
import io.chunking.store.ScheduleStore;
import io.chunking.store.WorkerRegistry;
import io.chunking.store.health.ChunkStoreHealthConfiguration;
import io.chunking.store.mongo.MongoChunkLedger;
import io.chunking.store.mongo.MongoRunStore;
import io.chunking.store.mongo.MongoScheduleStore;
import io.chunking.store.mongo.MongoWorkerRegistry;
import io.chunking.store.s3.S3ClientFactory;
import io.chunking.store.s3.S3PayloadStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clients of the chunk store and the store itself. Every bean backs off when the application defines its own. The
 * bucket and the ledger's indexes are created at start-up, idempotently.
 */
@AutoConfiguration
@EnableConfigurationProperties(ChunkStoreProperties.class)
@Import({ ChunkStoreHealthConfiguration.class, RateLimitersConfiguration.class })
public final class ChunkStoreAutoConfiguration {

	private static final String SCHEDULE_COLLECTION = "chunking.scheduler.collection";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	S3Client chunkingS3Client(ChunkStoreProperties properties) {
		ChunkStoreProperties.S3 s3 = properties.getS3();
		return S3ClientFactory.create(s3.getEndpoint(), s3.getRegion(), s3.isPathStyleAccess(), s3.getAccessKey(),
				s3.getSecretKey(), s3.getMaxConnections(), s3.getTimeout());
	}

	@Bean(initMethod = "initialize")
	@ConditionalOnMissingBean
	PayloadStore payloadStore(S3Client s3, ChunkStoreProperties properties) {
		return new S3PayloadStore(s3, properties.getS3().getBucket());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	MongoClient chunkingMongoClient(ChunkStoreProperties properties) {
		String uri = properties.getMongo().getUri();
		Assert.hasText(uri, "chunking.store.mongo.uri must be set (a MongoDB connection string)");
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(uri))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(5, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
			.build());
	}

	@Bean(initMethod = "initialize")
	@ConditionalOnMissingBean
	ChunkLedger chunkLedger(MongoClient mongo, ChunkStoreProperties properties) {
		ChunkStoreProperties.Mongo settings = properties.getMongo();
		return new MongoChunkLedger(
				mongo.getDatabase(settings.getDatabase()).getCollection(settings.getChunkCollection()));
	}

	@Bean(initMethod = "initialize")
	@ConditionalOnMissingBean
	RunStore runStore(MongoClient mongo, ChunkStoreProperties properties) {
		ChunkStoreProperties.Mongo settings = properties.getMongo();
		return new MongoRunStore(mongo.getDatabase(settings.getDatabase()).getCollection(settings.getRunCollection()));
	}

	@Bean(initMethod = "initialize")
	@ConditionalOnMissingBean
	WorkerRegistry workerRegistry(MongoClient mongo, ChunkStoreProperties properties) {
		ChunkStoreProperties.Mongo settings = properties.getMongo();
		return new MongoWorkerRegistry(
				mongo.getDatabase(settings.getDatabase()).getCollection(settings.getWorkerCollection()));
	}

	/**
	 * The schedules' shared state, in the collection that the master's {@code chunking.scheduler.collection} names
	 * (documented with the scheduler's properties), {@value MongoScheduleStore#DEFAULT_COLLECTION} by default.
	 */
	@Bean
	@ConditionalOnMissingBean
	ScheduleStore scheduleStore(MongoClient mongo, ChunkStoreProperties properties, Environment environment) {
		String collection = Binder.get(environment)
			.bind(SCHEDULE_COLLECTION, String.class)
			.orElse(MongoScheduleStore.DEFAULT_COLLECTION);
		return new MongoScheduleStore(
				mongo.getDatabase(properties.getMongo().getDatabase()).getCollection(collection));
	}

}
