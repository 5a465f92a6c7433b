package io.chunking.benchmarks.remote;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.jms.support.converter.JacksonJsonMessageConverter;
import org.springframework.jms.support.converter.MessageType;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * What the manager and the workers of stock remote partitioning share: the master's embedded Artemis broker and its
 * H2 job repository over TCP, reached with the login the master keeps in its data directory, and JSON on the wire
 * (the requests are {@code StepExecutionRequest}s; no Java serialization).
 * <p>
 * System properties: {@code bench.dataDir} (the master's {@code chunking.embedded.data-dir}), {@code bench.brokerUrl}
 * ({@code tcp://host:port}), {@code bench.jdbcUrl} ({@code jdbc:h2:tcp://host:port/chunking}).
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
class StockRemoteInfrastructure {

	/** The queue of the step execution requests. */
	static final String REQUESTS = "stock-remote-partitioning.requests";

	private final Properties login = login(Path.of(required("bench.dataDir")));

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(required("bench.jdbcUrl"));
		dataSource.setUsername(this.login.getProperty("user"));
		dataSource.setPassword(this.login.getProperty("password"));
		dataSource.setMaximumPoolSize(4);
		return dataSource;
	}

	@Bean
	JdbcTransactionManager transactionManager(DataSource dataSource) {
		return new JdbcTransactionManager(dataSource);
	}

	/** The master's own settings: a JDBC job repository, execution contexts as JSON. */
	@Bean
	JobRepository jobRepository(DataSource dataSource, JdbcTransactionManager transactionManager) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactionManager);
		factory.setSerializer(new JacksonExecutionContextStringSerializer());
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	@Bean(destroyMethod = "close")
	ActiveMQConnectionFactory connectionFactory() {
		return new ActiveMQConnectionFactory(required("bench.brokerUrl"), this.login.getProperty("user"),
				this.login.getProperty("password"));
	}

	@Bean
	JacksonJsonMessageConverter jsonMessageConverter() {
		JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter();
		converter.setTargetType(MessageType.TEXT);
		converter.setTypeIdPropertyName("_type");
		return converter;
	}

	static String required(String property) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("Set the system property " + property + " (see run-benchmarks.sh)");
		}
		return value;
	}

	private static Properties login(Path dataDir) {
		Path file = dataDir.resolve("embedded-credentials.properties");
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the master's embedded login from " + file
					+ "; start the master with chunking.embedded.data-dir=" + dataDir + " first", ex);
		}
		return properties;
	}

}
