package io.chunking.worker;

import io.chunking.support.scheduling.PeriodicTasks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import io.chunking.store.autoconfigure.ChunkStoreAutoConfiguration;

import java.util.List;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.RateLimiters;
import io.chunking.protocol.BrokerStartupCheck;
import io.chunking.protocol.MessagingProperties;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.worker.chunk.ChunkWorker;
import io.chunking.worker.chunk.LeaseKeeper;
import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;
import io.chunking.store.StoreOutage;
import io.chunking.store.startup.StartupWait;

/**
 * The worker: one {@link ChunkWorker} serving every job definition on the classpath, with its lease keeper.
 */
@AutoConfiguration(after = { ArtemisAutoConfiguration.class, ChunkStoreAutoConfiguration.class })
@EnableConfigurationProperties({ WorkerProperties.class, MessagingProperties.class })
public final class WorkerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WorkerAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LeaseKeeper leaseKeeper(ChunkLedger ledger, WorkerProperties properties, PeriodicTasks tasks) {
		return new LeaseKeeper(ledger, properties.toSettings(), tasks);
	}

	/** Failures of this worker's store calls, watched by the {@link StoreGate}. */
	@Bean
	@ConditionalOnMissingBean
	StoreOutage storeOutage() {
		return new StoreOutage();
	}

	@Bean
	@ConditionalOnMissingBean
	ChunkWorker chunkWorker(List<ChunkedJobDefinition<?, ?>> definitions, ChunkLedger ledger, PayloadStore payloads,
			RunStore runs, LeaseKeeper leases, WorkerProperties properties, ChunkMetrics metrics,
			StoreOutage outage, RateLimiters rateLimiters) {
		if (definitions.isEmpty()) {
			throw new IllegalStateException("No job definitions found: start the worker with the jobs jar on the "
					+ "loader path, e.g. -Dloader.path=samples/target/samples.jar");
		}
		ChunkWorker worker = new ChunkWorker(properties.resolveId(), definitions, ledger, payloads, runs, leases,
				properties.toSettings(), metrics, outage, rateLimiters);
		logger.info("Worker " + worker.getWorkerId() + " serves jobs " + worker.getJobNames());
		return worker;
	}

	/** The broker must be reachable before the worker's listeners start. */
	@Bean
	@ConditionalOnBean(jakarta.jms.ConnectionFactory.class)
	BrokerStartupCheck brokerStartupCheck(jakarta.jms.ConnectionFactory connectionFactory,
			ObjectProvider<StartupWait> startup, Environment environment) {
		return BrokerStartupCheck.of(connectionFactory, startup.getIfAvailable(StartupWait::once), environment);
	}

	/**
	 * Artemis consumers prefetch messages by default, which lets one worker hoard the queue while others idle; a
	 * window of 0 makes each consumer take one chunk request at a time. Chunk requests are JSON text messages;
	 * denying every class to Java deserialization makes sure an object message put on a queue by anyone else is
	 * never turned into objects.
	 */
	@Bean
	static BeanPostProcessor chunkingConsumerWindow() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof ActiveMQConnectionFactory factory) {
					factory.setConsumerWindowSize(0);
					factory.setDeserializationDenyList("*");
				}
				return bean;
			}
		};
	}

}
