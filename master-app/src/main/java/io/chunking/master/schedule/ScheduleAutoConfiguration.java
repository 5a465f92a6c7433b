package io.chunking.master.schedule;

import io.chunking.support.scheduling.PeriodicTasks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.chunking.master.batch.ChunkedJobsAutoConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import com.mongodb.client.MongoClient;

import io.chunking.master.batch.ExecutionLauncher;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.batch.ManagerProperties;
import io.chunking.store.autoconfigure.ChunkStoreProperties;

/**
 * Cron schedules: their catalog, their shared state in MongoDB and the scheduler that fires them.
 */
@AutoConfiguration(after = ChunkedJobsAutoConfiguration.class)
@EnableConfigurationProperties(SchedulerProperties.class)
public final class ScheduleAutoConfiguration {

	@Bean
	ScheduleCatalog scheduleCatalog(SchedulerProperties properties, JobCatalog jobs) {
		return new ScheduleCatalog(properties, jobs);
	}

	@Bean
	@ConditionalOnMissingBean
	MongoScheduleStore scheduleStore(MongoClient mongo, ChunkStoreProperties store, SchedulerProperties properties) {
		return new MongoScheduleStore(mongo.getDatabase(store.getMongo().getDatabase())
			.getCollection(properties.getScheduler().getCollection()));
	}

	@Bean
	@ConditionalOnProperty(name = "chunking.scheduler.enabled", matchIfMissing = true)
	CronScheduler cronScheduler(ScheduleCatalog catalog, MongoScheduleStore store, ExecutionLauncher launcher,
			SchedulerProperties properties, ManagerProperties manager, PeriodicTasks tasks) {
		return new CronScheduler(catalog, store, launcher, properties.getScheduler(), manager.resolveId(), tasks);
	}

}
