package io.chunking.master.metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.chunking.master.batch.ChunkedJobsAutoConfiguration;

import java.time.Duration;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;

import io.chunking.protocol.MessagingProperties;
import io.chunking.protocol.ChunkQueues;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.broker.DeadLetterQueue;
import io.chunking.store.ChunkLedger;
import io.chunking.store.WorkerRegistry;

/**
 * The master's gauges: chunks of running executions, workers, queue depth, dead letters.
 */
@AutoConfiguration(after = ChunkedJobsAutoConfiguration.class)
public final class MasterMetricsAutoConfiguration {

	/** Longest wait for the broker's answer to a queue depth request. */
	private static final Duration QUEUE_DEPTH_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	ChunkingGauges chunkingGauges(JobCatalog catalog, JobRepository jobRepository, ChunkLedger ledger,
			WorkerRegistry workers, jakarta.jms.ConnectionFactory connectionFactory, MessagingProperties messaging,
			DeadLetterQueue deadLetters) {
		return new ChunkingGauges(catalog, jobRepository, ledger, workers,
				new QueueDepthProbe(connectionFactory, QUEUE_DEPTH_TIMEOUT), new ChunkQueues(messaging.getQueuePrefix()),
				deadLetters);
	}

}
