package io.chunking.master.batch;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master's job-repository defaults (JSON execution contexts, a schema created only when missing, a bounded
 * executor for executions) sit in front of Spring Boot's batch auto-configuration and give way to a user's beans.
 * Modelled on Spring Boot's own {@code BatchAutoConfigurationTests}; runs on an in-memory H2 database.
 */
class BatchInfrastructureAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BatchInfrastructureAutoConfiguration.class,
				BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:batch-autoconfig-${random.uuid}",
				"spring.batch.job.enabled=false");

	@Test
	void usesJsonExecutionContextsAndCreatesTheSchemaByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ExecutionContextSerializer.class))
				.isInstanceOf(JacksonExecutionContextStringSerializer.class);
			assertThat(context.getBean(BatchDataSourceScriptDatabaseInitializer.class))
				.isInstanceOf(JobRepositorySchemaInitializer.class);
			assertThat(context).hasBean("chunkingJobTaskExecutor");
			Integer tables = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("select count(*) from information_schema.tables where table_name = 'BATCH_JOB_EXECUTION'",
						Integer.class);
			assertThat(tables).isEqualTo(1);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAnExecutionContextSerializer() {
		this.runner.withUserConfiguration(UserSerializer.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ExecutionContextSerializer.class);
			assertThat(context.getBean(ExecutionContextSerializer.class))
				.isInstanceOf(DefaultExecutionContextSerializer.class);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesABatchTaskExecutor() {
		this.runner.withUserConfiguration(UserExecutor.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("userExecutor").doesNotHaveBean("chunkingJobTaskExecutor");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSerializer {

		@Bean
		ExecutionContextSerializer userSerializer() {
			return new DefaultExecutionContextSerializer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutor {

		@Bean
		@BatchTaskExecutor
		TaskExecutor userExecutor() {
			return new SyncTaskExecutor();
		}

	}

}
