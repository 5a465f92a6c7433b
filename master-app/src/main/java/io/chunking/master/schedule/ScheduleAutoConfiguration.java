package io.chunking.master.schedule;

import io.chunking.support.scheduling.PeriodicTasks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.chunking.master.batch.ChunkedJobsAutoConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.chunking.master.batch.ExecutionLauncher;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.batch.ManagerProperties;
import io.chunking.store.ScheduleStore;

/**
 * Cron schedules: their catalog and the scheduler that fires them. Their shared state is the chunk store's
 * {@link ScheduleStore}.
 */
@AutoConfiguration(after = ChunkedJobsAutoConfiguration.class)
@EnableConfigurationProperties(SchedulerProperties.class)
public final class ScheduleAutoConfiguration {

	@Bean
	ScheduleCatalog scheduleCatalog(SchedulerProperties properties, JobCatalog jobs) {
		return new ScheduleCatalog(properties, jobs);
	}

	@Bean
	@ConditionalOnProperty(name = "chunking.scheduler.enabled", matchIfMissing = true)
	CronScheduler cronScheduler(ScheduleCatalog catalog, ScheduleStore store, ExecutionLauncher launcher,
			SchedulerProperties properties, ManagerProperties manager, PeriodicTasks tasks) {
		return new CronScheduler(catalog, store, launcher, properties.getScheduler(), manager.resolveId(), tasks);
	}

}
