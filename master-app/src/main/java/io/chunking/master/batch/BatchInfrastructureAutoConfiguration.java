package io.chunking.master.batch;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.chunking.store.startup.Locations;
import io.chunking.store.startup.StartupWait;

/**
 * Spring Batch infrastructure of the master: executions run asynchronously on a bounded pool (a trigger returns at
 * once with the execution id), and execution contexts are stored as JSON, never with Java serialization.
 */
@AutoConfiguration(before = { BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
@EnableConfigurationProperties(ManagerProperties.class)
public final class BatchInfrastructureAutoConfiguration {

	@Bean
	@BatchTaskExecutor
	@ConditionalOnMissingBean(annotation = BatchTaskExecutor.class)
	TaskExecutor chunkingJobTaskExecutor(ManagerProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.getMaxConcurrentExecutions());
		executor.setMaxPoolSize(properties.getMaxConcurrentExecutions());
		executor.setQueueCapacity(1000);
		executor.setThreadNamePrefix("chunking-execution-");
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.initialize();
		return executor;
	}

	@Bean
	@ConditionalOnMissingBean
	ExecutionContextSerializer executionContextSerializer() {
		return new JacksonExecutionContextStringSerializer();
	}

	@Bean
	@ConditionalOnMissingBean
	BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(DataSource dataSource,
			BatchJdbcProperties properties, ObjectProvider<StartupWait> startupWait, Environment environment) {
		StartupWait startup = startupWait.getIfAvailable(StartupWait::once);
		startup.await("the job repository's database", Locations.ofProperty(environment, "spring.datasource.url"),
				"spring.datasource.url", () -> {
					try (Connection connection = dataSource.getConnection()) {
						connection.isValid(5);
					}
				}, BatchInfrastructureAutoConfiguration::fromDatabase);
		return new JobRepositorySchemaInitializer(dataSource, properties);
	}

	/** Whether {@code failure} came from the database (a connection pool wraps the driver's exception). */
	private static boolean fromDatabase(Exception failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException) {
				return true;
			}
		}
		return false;
	}

}
