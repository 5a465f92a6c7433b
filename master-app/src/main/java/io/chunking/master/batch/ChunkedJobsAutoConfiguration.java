package io.chunking.master.batch;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.chunking.store.autoconfigure.ChunkStoreAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.protocol.MessagingProperties;
import io.chunking.master.manager.ChunkedJobFactory;
import io.chunking.master.manager.HandoverSignal;
import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.protocol.ChunkQueues;
import io.chunking.master.manager.dispatch.JmsChunkDispatcher;
import io.chunking.master.metrics.QueueDepthProbe;
import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;

/**
 * Turns every {@link ChunkedJobDefinition} bean into a Spring Batch job registered in the job registry, and sends
 * chunk requests over JMS in transacted batches. The depth of a job's queue, which the supervisor compares with the
 * pending chunks to find lost requests, is read with Artemis management requests.
 */
@AutoConfiguration(after = ChunkStoreAutoConfiguration.class, before = { BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
@EnableConfigurationProperties({ ManagerProperties.class, MessagingProperties.class })
public final class ChunkedJobsAutoConfiguration {

	/** Longest wait for the broker's answer to a queue depth request. */
	private static final Duration QUEUE_DEPTH_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	@ConditionalOnMissingBean
	ChunkDispatcher chunkDispatcher(jakarta.jms.ConnectionFactory connectionFactory, MessagingProperties messaging) {
		JmsTemplate template = new JmsTemplate(connectionFactory);
		template.setSessionTransacted(true);
		QueueDepthProbe probe = new QueueDepthProbe(connectionFactory, QUEUE_DEPTH_TIMEOUT);
		return new JmsChunkDispatcher(template, new ChunkQueues(messaging.getQueuePrefix()),
				(queue) -> depth(probe, queue));
	}

	private static OptionalLong depth(QueueDepthProbe probe, String queue) {
		try {
			long count = probe.messageCounts(List.of(queue)).get(queue);
			return (count >= 0) ? OptionalLong.of(count) : OptionalLong.empty();
		}
		catch (jakarta.jms.JMSException | RuntimeException ex) {
			return OptionalLong.empty();
		}
	}

	@Bean
	HandoverSignal handoverSignal(ManagerProperties properties) {
		return new HandoverSignal(properties.resolveId());
	}

	@Bean
	@ConditionalOnMissingBean
	ChunkedJobFactory chunkedJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PayloadStore payloads, ChunkLedger ledger, RunStore runs, ChunkDispatcher dispatcher,
			ManagerProperties properties, ChunkMetrics metrics, HandoverSignal handover) {
		return new ChunkedJobFactory(jobRepository, transactionManager, payloads, ledger, runs, dispatcher,
				properties.toSettings(), metrics, handover);
	}

	@Bean
	@ConditionalOnMissingBean
	JobRegistry jobRegistry() {
		return new MapJobRegistry();
	}

	@Bean
	JobCatalog jobCatalog(List<ChunkedJobDefinition<?, ?>> definitions, ChunkedJobFactory factory,
			JobRegistry registry) throws Exception {
		return new JobCatalog(definitions, factory, registry);
	}

}
