package io.chunking.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class EmbeddedDefaultsEnvironmentPostProcessorTests {

	private final EmbeddedDefaultsEnvironmentPostProcessor processor = new EmbeddedDefaultsEnvironmentPostProcessor();

	@TempDir
	Path dataDir;

	@Test
	void unsetUrlsPointAtTheEmbeddedServersAndMarkThemActive() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.mongo-port", "27999")
			.withProperty("chunking.embedded.password", "configured-secret");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.artemis.broker-url")).isEqualTo("tcp://localhost:61616");
		assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:tcp://localhost:9092/chunking");
		assertThat(environment.getProperty("chunking.store.s3.endpoint")).isEqualTo("http://localhost:9000");
		assertThat(environment.getProperty("chunking.store.mongo.uri")).isEqualTo("mongodb://localhost:27999");
		assertThat(environment.getProperty("chunking.embedded.broker.active")).isEqualTo("true");
		assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
	}

	@Test
	void aConfiguredPasswordIsTheLoginOfTheBrokerS3AndTheJobRepository() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.password", "configured-secret")
			.withProperty("chunking.embedded.data-dir", this.dataDir.toString());
		new EmbeddedCredentials("chunking", "stored-secret").write(this.dataDir);
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.artemis.user")).isEqualTo("chunking");
		assertThat(environment.getProperty("spring.artemis.password")).isEqualTo("configured-secret");
		assertThat(environment.getProperty("chunking.store.s3.access-key")).isEqualTo("chunking");
		assertThat(environment.getProperty("chunking.store.s3.secret-key")).isEqualTo("configured-secret");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("chunking");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("configured-secret");
	}

	@Test
	void withoutAConfiguredPasswordTheLoginStoredInTheDataDirectoryIsUsed() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.data-dir",
				this.dataDir.toString());
		new EmbeddedCredentials("stored-user", "stored-secret").write(this.dataDir);
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.artemis.user")).isEqualTo("stored-user");
		assertThat(environment.getProperty("spring.artemis.password")).isEqualTo("stored-secret");
		assertThat(environment.getProperty("chunking.store.s3.secret-key")).isEqualTo("stored-secret");
		assertThat(environment.getProperty("chunking.embedded.password")).isEqualTo("stored-secret");
	}

	@Test
	void withoutAnyLoginAProcessNeedingTheEmbeddedBrokerFailsNamingTheFileItLookedFor() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.data-dir",
				this.dataDir.toString());
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("No login for the master's embedded broker")
			.withMessageContaining(this.dataDir.resolve("embedded-credentials.properties").toAbsolutePath().toString())
			.withMessageContaining("chunking.embedded.password");
	}

	@Test
	void noLoginIsNeededWhenTheBrokerAndS3AreExternal() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("chunking.embedded.data-dir", this.dataDir.toString())
			.withProperty("spring.artemis.broker-url", "tcp://broker:61616")
			.withProperty("chunking.store.s3.endpoint", "https://s3.example");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("chunking.store.mongo.uri")).isEqualTo("mongodb://localhost:27017");
		assertThat(environment.getProperty("spring.datasource.password")).isNull();
	}

	@Test
	void theMongoWireServerStaysOnLoopbackWhenTheOtherServersAreOpened() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.password", "secret")
			.withProperty("chunking.embedded.host", "192.0.2.10");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.artemis.broker-url")).isEqualTo("tcp://192.0.2.10:61616");
		assertThat(environment.getProperty("chunking.embedded.mongo-host")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("chunking.store.mongo.uri")).isEqualTo("mongodb://127.0.0.1:27017");
	}

	@Test
	void aConfiguredMongoHostOpensTheMongoWireServer() {
		MockEnvironment environment = new MockEnvironment().withProperty("chunking.embedded.password", "secret")
			.withProperty("chunking.embedded.host", "192.0.2.10")
			.withProperty("chunking.embedded.mongo-host", "192.0.2.10");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("chunking.store.mongo.uri")).isEqualTo("mongodb://192.0.2.10:27017");
	}

	@Test
	void anExternalUrlTurnsItsEmbeddedServerOff() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("chunking.embedded.password", "secret")
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
