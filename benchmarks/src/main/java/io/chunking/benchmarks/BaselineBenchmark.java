package io.chunking.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.JobArguments;
import io.chunking.job.ResultAggregation;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.samples.checksum.DemoChecksumJob;

/**
 * The same work as a distributed {@code demo-checksum} run, done in one JVM: a plain loop on 1 and 2 threads, and
 * stock Spring Batch local partitioning with 2 threads (one partition per chunk, a JDBC job repository on in-memory
 * H2, a chunk-oriented worker step with the job's own processor and aggregation). Prints one
 * {@code RESULT method=... workMicros=... run=... millis=... count=... checksum=...} line per run.
 *
 * <p>Arguments: {@code items chunkSize workMicros runs}. Not a test: run by {@code samples/bench/run-benchmarks.sh}.
 */
public final class BaselineBenchmark {

	private final ChunkedJobRuntime<String, Long> definition = ChunkedJobRuntime.of(DemoChecksumJob.definition());

	private final long items;

	private final int chunkSize;

	private final long workMicros;

	private final JobArguments arguments;

	private BaselineBenchmark(long items, int chunkSize, long workMicros) {
		this.items = items;
		this.chunkSize = chunkSize;
		this.workMicros = workMicros;
		this.arguments = this.definition.validate(Map.of("items", Long.toString(items), "chunkSize",
				Integer.toString(chunkSize), "workMicros", Long.toString(workMicros)));
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 4) {
			System.err.println("Usage: BaselineBenchmark items chunkSize workMicros runs");
			System.exit(2);
		}
		BaselineBenchmark benchmark = new BaselineBenchmark(Long.parseLong(args[0]), Integer.parseInt(args[1]),
				Long.parseLong(args[2]));
		int runs = Integer.parseInt(args[3]);
		benchmark.plainLoop(1);
		benchmark.localPartitioning(0);
		for (int run = 1; run <= runs; run++) {
			benchmark.report("plain-loop-1-thread", run, benchmark.plainLoop(1));
			benchmark.report("plain-loop-2-threads", run, benchmark.plainLoop(2));
			benchmark.report("local-partitioning-2-threads", run, benchmark.localPartitioning(run));
		}
	}

	private record Outcome(long millis, Map<String, Object> result) {
	}

	private void report(String method, int run, Outcome outcome) {
		System.out.println("RESULT method=" + method + " workMicros=" + this.workMicros + " run=" + run + " millis="
				+ outcome.millis() + " count=" + outcome.result().get("count") + " checksum="
				+ outcome.result().get("checksum"));
	}

	private Outcome plainLoop(int threads) throws Exception {
		ResultAggregation<Long, ?> aggregation = this.definition.getAggregation();
		return plainLoop(threads, aggregation);
	}

	private <P> Outcome plainLoop(int threads, ResultAggregation<Long, P> aggregation) throws Exception {
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<P>> parts = new ArrayList<>();
			long share = (this.items + threads - 1) / threads;
			for (int t = 0; t < threads; t++) {
				long from = t * share;
				long to = Math.min(this.items, from + share);
				parts.add(pool.submit(() -> {
					ItemProcessor<? super String, ? extends Long> processor = processor(0);
					P partial = aggregation.empty();
					for (long i = from; i < to; i++) {
						partial = aggregation.add(partial, processor.process(DemoChecksumJob.item(i)));
					}
					return partial;
				}));
			}
			P total = aggregation.empty();
			for (Future<P> part : parts) {
				total = aggregation.merge(total, part.get());
			}
			return new Outcome((System.nanoTime() - start) / 1_000_000, aggregation.present(total));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private ItemProcessor<? super String, ? extends Long> processor(int chunkIndex) {
		return this.definition.processor(new ChunkAttempt(DemoChecksumJob.NAME, 0, chunkIndex, 1, "local",
				this.arguments));
	}

	private Outcome localPartitioning(int run) throws Exception {
		ResultAggregation<Long, ?> aggregation = this.definition.getAggregation();
		return localPartitioning(run, aggregation);
	}

	private <P> Outcome localPartitioning(int run, ResultAggregation<Long, P> aggregation) throws Exception {
		DataSource dataSource = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("/org/springframework/batch/core/schema-h2.sql")
			.build();
		JdbcTransactionManager transactionManager = new JdbcTransactionManager(dataSource);
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactionManager);
		factory.afterPropertiesSet();
		JobRepository repository = factory.getObject();
		ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
		threads.setCorePoolSize(2);
		threads.setMaxPoolSize(2);
		threads.initialize();
		try {
			Object lock = new Object();
			@SuppressWarnings("unchecked")
			P[] total = (P[]) new Object[] { aggregation.empty() };
			Step worker = new RangeStep<P>(repository, transactionManager, aggregation, (P partial) -> {
				synchronized (lock) {
					total[0] = aggregation.merge(total[0], partial);
				}
			});
			int chunks = (int) ((this.items + this.chunkSize - 1) / this.chunkSize);
			TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
			handler.setStep(worker);
			handler.setTaskExecutor(threads);
			handler.setGridSize(chunks);
			handler.afterPropertiesSet();
			Step manager = new StepBuilder("manager", repository).partitioner("worker", (gridSize) -> {
				Map<String, ExecutionContext> partitions = new HashMap<>();
				for (int chunk = 0; chunk < gridSize; chunk++) {
					ExecutionContext context = new ExecutionContext();
					context.putLong("from", (long) chunk * this.chunkSize);
					context.putLong("to", Math.min(this.items, (long) (chunk + 1) * this.chunkSize));
					partitions.put("partition" + chunk, context);
				}
				return partitions;
			}).partitionHandler(handler).build();
			Job job = new JobBuilder("local-demo-checksum", repository).start(manager).build();
			JobParameters parameters = new JobParametersBuilder().addLong("run", (long) run).toJobParameters();
			long start = System.nanoTime();
			JobInstance instance = repository.createJobInstance(job.getName(), parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
			job.execute(execution);
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("Local partitioning ended " + execution.getStatus() + ": "
						+ execution.getAllFailureExceptions());
			}
			return new Outcome(millis, aggregation.present(total[0]));
		}
		finally {
			threads.shutdown();
		}
	}

	/**
	 * The worker step of one partition: a chunk-oriented step over the partition's items with the job's processor,
	 * folding outputs into a partial result handed to {@code sink} when the partition is done.
	 */
	private final class RangeStep<P> implements Step {

		private final JobRepository repository;

		private final JdbcTransactionManager transactionManager;

		private final ResultAggregation<Long, P> aggregation;

		private final java.util.function.Consumer<P> sink;

		RangeStep(JobRepository repository, JdbcTransactionManager transactionManager,
				ResultAggregation<Long, P> aggregation, java.util.function.Consumer<P> sink) {
			this.repository = repository;
			this.transactionManager = transactionManager;
			this.aggregation = aggregation;
			this.sink = sink;
		}

		@Override
		public String getName() {
			return "worker";
		}

		@Override
		public void execute(StepExecution stepExecution) throws org.springframework.batch.core.job.JobInterruptedException {
			long from = stepExecution.getExecutionContext().getLong("from");
			long to = stepExecution.getExecutionContext().getLong("to");
			List<String> items = LongStream.range(from, to).mapToObj(DemoChecksumJob::item).toList();
			Object[] partial = { this.aggregation.empty() };
			Step step = new StepBuilder("worker", this.repository).<String, Long>chunk(100)
				.transactionManager(this.transactionManager)
				.reader(new ListItemReader<>(items))
				.processor(processor((int) (from / BaselineBenchmark.this.chunkSize)))
				.writer((chunk) -> {
					for (Long output : chunk) {
						@SuppressWarnings("unchecked")
						P current = (P) partial[0];
						partial[0] = this.aggregation.add(current, output);
					}
				})
				.build();
			step.execute(stepExecution);
			@SuppressWarnings("unchecked")
			P done = (P) partial[0];
			this.sink.accept(done);
		}

	}

}
