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
import io.chunking.store.startup.Locations;
import io.chunking.store.startup.StartupWait;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clients of the chunk store and the store itself. Every bean backs off when the application defines its own. The
 * bucket and the ledger's indexes are created at start-up, idempotently; a store that cannot be reached then ends
 * the start naming its URL, or is waited for as {@code chunking.startup.*} allows ({@link StartupWait}).
 */
@AutoConfiguration
@EnableConfigurationProperties({ ChunkStoreProperties.class, StartupProperties.class })
@Import({ ChunkStoreHealthConfiguration.class, RateLimitersConfiguration.class })
public final class ChunkStoreAutoConfiguration {

	private static final String SCHEDULE_COLLECTION = "chunking.scheduler.collection";

	private static final String MONGO = "MongoDB";

	private static final String MONGO_URI = "chunking.store.mongo.uri";

	@Bean
	@ConditionalOnMissingBean
	StartupWait startupWait(StartupProperties properties) {
		return new StartupWait(properties.getWait(), properties.getRetryInterval());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	S3Client chunkingS3Client(ChunkStoreProperties properties) {
		ChunkStoreProperties.S3 s3 = properties.getS3();
		return S3ClientFactory.create(s3.getEndpoint(), s3.getRegion(), s3.isPathStyleAccess(), s3.getAccessKey(),
				s3.getSecretKey(), s3.getMaxConnections(), s3.getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	PayloadStore payloadStore(S3Client s3, ChunkStoreProperties properties, StartupWait startup) {
		ChunkStoreProperties.S3 settings = properties.getS3();
		S3PayloadStore store = new S3PayloadStore(s3, settings.getBucket());
		String location = (settings.getEndpoint() != null)
				? Locations.withoutPassword(settings.getEndpoint().toString()) + " (bucket " + settings.getBucket() + ")"
				: "the AWS endpoint of region " + settings.getRegion() + " (bucket " + settings.getBucket() + ")";
		startup.await("S3", location, "chunking.store.s3.endpoint", store::initialize);
		return store;
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

	@Bean
	@ConditionalOnMissingBean
	ChunkLedger chunkLedger(MongoClient mongo, ChunkStoreProperties properties, StartupWait startup) {
		ChunkStoreProperties.Mongo settings = properties.getMongo();
		MongoChunkLedger ledger = new MongoChunkLedger(
				mongo.getDatabase(settings.getDatabase()).getCollection(settings.getChunkCollection()));
		startup.await(MONGO, mongoLocation(settings), MONGO_URI, ledger::initialize);
		return ledger;
	}

	@Bean
	@ConditionalOnMissingBean
	RunStore runStore(MongoClient mongo, ChunkStoreProperties properties, StartupWait startup) {
		ChunkStoreProperties.Mongo settings = properties.getMongo();
		MongoRunStore store = new MongoRunStore(
				mongo.getDatabase(settings.getDatabase()).getCollection(settings.getRunCollection()));
		startup.await(MONGO, mongoLocation(settings), MONGO_URI, store::initialize);
		return store;
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerRegistry workerRegistry(MongoClient mongo, ChunkStoreProperties properties, StartupWait startup) {
		ChunkStoreProperties.Mongo settings = properties.getMongo();
		MongoWorkerRegistry registry = new MongoWorkerRegistry(
				mongo.getDatabase(settings.getDatabase()).getCollection(settings.getWorkerCollection()));
		startup.await(MONGO, mongoLocation(settings), MONGO_URI, registry::initialize);
		return registry;
	}

	private static String mongoLocation(ChunkStoreProperties.Mongo settings) {
		String uri = settings.getUri();
		return (uri != null) ? Locations.withoutPassword(uri) : "(no chunking.store.mongo.uri)";
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
