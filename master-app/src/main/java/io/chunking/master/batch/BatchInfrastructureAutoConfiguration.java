package io.chunking.master.batch;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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
			BatchJdbcProperties properties) {
		return new JobRepositorySchemaInitializer(dataSource, properties);
	}

}
