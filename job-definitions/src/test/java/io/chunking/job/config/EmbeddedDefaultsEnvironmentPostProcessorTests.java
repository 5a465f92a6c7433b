package io.chunking.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class EmbeddedDefaultsEnvironmentPostProcessorTests {

	private final EmbeddedDefaultsEnvironmentPostProcessor processor = new EmbeddedDefaultsEnvironmentPostProcessor();

	@Test
	void unsetUrlsPointAtTheEmbeddedServersAndMarkThemActive() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.mongo-port", "27999");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.artemis.broker-url")).isEqualTo("tcp://localhost:61616");
		assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:tcp://localhost:9092/chunking");
		assertThat(environment.getProperty("chunking.store.s3.endpoint")).isEqualTo("http://localhost:9000");
		assertThat(environment.getProperty("chunking.store.mongo.uri")).isEqualTo("mongodb://localhost:27999");
		assertThat(environment.getProperty("chunking.embedded.broker.active")).isEqualTo("true");
		assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
	}

	@Test
	void anExternalUrlTurnsItsEmbeddedServerOff() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/batch")
			.withProperty("chunking.store.mongo.uri", "mongodb://mongo/");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/batch");
		assertThat(environment.getProperty("chunking.embedded.jdbc.active")).isNull();
		assertThat(environment.getProperty("chunking.embedded.mongo.active")).isNull();
		assertThat(environment.getProperty("chunking.embedded.s3.active")).isEqualTo("true");
	}

	@Test
	void disabledEmbeddedModeSetsNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.enabled", "false");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.artemis.broker-url")).isNull();
		assertThat(environment.getProperty("chunking.store.mongo.uri")).isNull();
	}

}
