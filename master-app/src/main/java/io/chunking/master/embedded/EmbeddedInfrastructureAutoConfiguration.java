package io.chunking.master.embedded;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import io.chunking.store.autoconfigure.ChunkStoreAutoConfiguration;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Hosts the embedded default infrastructure and makes every client (DataSource, JMS ConnectionFactory, MongoClient,
 * S3Client) wait for it.
 */
@AutoConfiguration(before = { ArtemisAutoConfiguration.class, ChunkStoreAutoConfiguration.class })
@EnableConfigurationProperties(EmbeddedProperties.class)
@ConditionalOnBooleanProperty(name = "chunking.embedded.enabled", matchIfMissing = true)
public final class EmbeddedInfrastructureAutoConfiguration {

	@Bean(name = EmbeddedInfrastructure.BEAN_NAME, destroyMethod = "close")
	EmbeddedInfrastructure chunkingEmbeddedInfrastructure(EmbeddedProperties properties, Environment environment)
			throws Exception {
		return new EmbeddedInfrastructure(properties, environment);
	}

	@Bean
	static BeanFactoryPostProcessor chunkingEmbeddedInfrastructureDependencies() {
		return EmbeddedInfrastructureAutoConfiguration::dependOnInfrastructure;
	}

	private static void dependOnInfrastructure(ConfigurableListableBeanFactory beanFactory) {
		for (String type : new String[] { "javax.sql.DataSource", "jakarta.jms.ConnectionFactory",
				"com.mongodb.client.MongoClient", "software.amazon.awssdk.services.s3.S3Client" }) {
			Class<?> clientType;
			try {
				clientType = Class.forName(type, false, beanFactory.getBeanClassLoader());
			}
			catch (ClassNotFoundException ex) {
				continue;
			}
			for (String name : beanFactory.getBeanNamesForType(clientType, true, false)) {
				var definition = beanFactory.getBeanDefinition(name);
				String[] dependsOn = definition.getDependsOn();
				String[] updated = (dependsOn != null) ? java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1)
						: new String[1];
				updated[updated.length - 1] = EmbeddedInfrastructure.BEAN_NAME;
				definition.setDependsOn(updated);
			}
		}
	}

}
