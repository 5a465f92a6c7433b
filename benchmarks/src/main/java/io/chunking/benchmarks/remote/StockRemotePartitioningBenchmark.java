package io.chunking.benchmarks.remote;

import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.messaging.MessageChannel;

import io.chunking.job.ResultAggregation;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.samples.checksum.DemoChecksumJob;

/**
 * Stock Spring Batch remote partitioning of {@code demo-checksum}: a partitioned step built by
 * {@link RemotePartitioningManagerStepBuilder} (one partition per chunk, so one step execution per chunk, sent as a
 * {@code StepExecutionRequest} over JMS to the {@link StockRemoteWorker}s), which polls the job repository every
 * {@code pollMillis} until every partition has ended; then the partial results are read from the partitions'
 * execution contexts and merged. Wall time runs from creating the job instance to the merged result; the JVM and
 * context start-up are not in it.
 * <p>
 * Arguments: {@code items chunkSize workMicros runs pollMillis warmUpItems}. Runs one warm-up of {@code warmUpItems},
 * then prints one {@code RESULT method=stock-remote-partitioning-2-workers ...} line per run.
 */
public final class StockRemotePartitioningBenchmark {

	/** The manager waits this long at most for the partitions of one run. */
	private static final long TIMEOUT_MILLIS = 3_600_000;

	private final ChunkedJobRuntime<String, Long> definition = ChunkedJobRuntime.of(DemoChecksumJob.definition());

	private final JobRepository jobRepository;

	private final MessageChannel requests;

	private final long pollMillis;

	private final int chunkSize;

	private final long workMicros;

	private StockRemotePartitioningBenchmark(JobRepository jobRepository, MessageChannel requests, long pollMillis,
			int chunkSize, long workMicros) {
		this.jobRepository = jobRepository;
		this.requests = requests;
		this.pollMillis = pollMillis;
		this.chunkSize = chunkSize;
		this.workMicros = workMicros;
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 6) {
			System.err.println("Usage: StockRemotePartitioningBenchmark items chunkSize workMicros runs pollMillis "
					+ "warmUpItems");
			System.exit(2);
		}
		long items = Long.parseLong(args[0]);
		int runs = Integer.parseInt(args[3]);
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ManagerConfiguration.class)) {
			StockRemotePartitioningBenchmark benchmark = new StockRemotePartitioningBenchmark(
					context.getBean(JobRepository.class), context.getBean("requests", MessageChannel.class),
					Long.parseLong(args[4]), Integer.parseInt(args[1]), Long.parseLong(args[2]));
			benchmark.run(Long.parseLong(args[5]));
			for (int run = 1; run <= runs; run++) {
				long start = System.nanoTime();
				Map<String, Object> result = benchmark.run(items);
				long millis = (System.nanoTime() - start) / 1_000_000;
				System.out.println("RESULT method=stock-remote-partitioning-2-workers workMicros=" + benchmark.workMicros
						+ " run=" + run + " millis=" + millis + " count=" + result.get("count") + " checksum="
						+ result.get("checksum"));
			}
		}
	}

	private Map<String, Object> run(long items) throws Exception {
		RangePartitioner partitioner = new RangePartitioner(items, this.chunkSize);
		Step manager = new RemotePartitioningManagerStepBuilder("manager", this.jobRepository)
			.partitioner("worker", partitioner)
			.gridSize(partitioner.partitions())
			.outputChannel(this.requests)
			.pollInterval(this.pollMillis)
			.timeout(TIMEOUT_MILLIS)
			.build();
		Job job = new JobBuilder("stock-remote-demo-checksum", this.jobRepository).start(manager).build();
		JobParameters parameters = new JobParametersBuilder().addString("items", Long.toString(items))
			.addString("chunkSize", Integer.toString(this.chunkSize))
			.addString("workMicros", Long.toString(this.workMicros))
			.addLong("run", System.nanoTime())
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance(job.getName(), parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		job.execute(execution);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("Stock remote partitioning ended " + execution.getStatus() + ": "
					+ execution.getAllFailureExceptions());
		}
		// The same read as one poll of the partition handler: the job execution with every step execution and its
		// execution context.
		long start = System.nanoTime();
		JobExecution done = this.jobRepository.getJobExecution(execution.getId());
		System.err.println("One read of execution " + execution.getId() + " with its " + done.getStepExecutions().size()
				+ " step executions (what each poll reads) took " + (System.nanoTime() - start) / 1_000_000 + " ms");
		return merge(done, partitioner.partitions(), this.definition.getAggregation());
	}

	private static <P> Map<String, Object> merge(JobExecution execution, int partitions,
			ResultAggregation<Long, P> aggregation) {
		P total = aggregation.empty();
		int merged = 0;
		for (StepExecution partition : execution.getStepExecutions()) {
			if (partition.getExecutionContext().containsKey(PartialResultWriter.PARTIAL)) {
				total = aggregation.merge(total, PartialResultWriter.read(aggregation,
						partition.getExecutionContext().getString(PartialResultWriter.PARTIAL)));
				merged++;
			}
		}
		if (merged != partitions) {
			throw new IllegalStateException("Execution " + execution.getId() + " has partial results of " + merged
					+ " partitions, expected " + partitions);
		}
		return aggregation.present(total);
	}

}
