package io.chunking.master.manager;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.Assert;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.protocol.ChunkedStepNames;
import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.support.metrics.ChunkMetrics;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.store.ChunkLedger;
import io.chunking.store.PayloadStore;
import io.chunking.store.RunStore;

/**
 * Turns a {@link ChunkedJobDefinition} into the manager-side Spring Batch job: a slice step, a partitioned step with
 * one partition per chunk sent over JMS, and an aggregate step whose result is promoted to the job's execution
 * context.
 */
public final class ChunkedJobFactory {

	/** Job execution context key of the result, a JSON object. */
	public static final String RESULT_KEY = AggregateTasklet.RESULT_KEY;

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final PayloadStore payloads;

	private final ChunkLedger ledger;

	private final RunStore runs;

	private final ChunkDispatcher dispatcher;

	private final ManagerSettings settings;

	private final ChunkMetrics metrics;

	private final HandoverSignal handover;

	public ChunkedJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PayloadStore payloads, ChunkLedger ledger, RunStore runs, ChunkDispatcher dispatcher,
			ManagerSettings settings) {
		this(jobRepository, transactionManager, payloads, ledger, runs, dispatcher, settings,
				ChunkMetrics.inMemory(), new HandoverSignal(settings.masterId()));
	}

	/**
	 * @param handover raised when this master hands its executions over; the jobs' steps end when they see it
	 */
	public ChunkedJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PayloadStore payloads, ChunkLedger ledger, RunStore runs, ChunkDispatcher dispatcher,
			ManagerSettings settings, ChunkMetrics metrics, HandoverSignal handover) {
		Assert.notNull(jobRepository, "jobRepository must not be null");
		Assert.notNull(transactionManager, "transactionManager must not be null");
		Assert.notNull(payloads, "payloads must not be null");
		Assert.notNull(ledger, "ledger must not be null");
		Assert.notNull(runs, "runs must not be null");
		Assert.notNull(dispatcher, "dispatcher must not be null");
		Assert.notNull(settings, "settings must not be null");
		Assert.notNull(handover, "handover must not be null");
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.payloads = payloads;
		this.ledger = ledger;
		this.runs = runs;
		this.dispatcher = dispatcher;
		this.settings = settings;
		this.metrics = metrics;
		this.handover = handover;
	}

	/**
	 * @throws IllegalArgumentException if the definition was not built with {@code ChunkedJob.named(..)} and does
	 * not implement {@link ChunkedJobRuntime}
	 */
	public Job create(ChunkedJobDefinition<?, ?> definition) throws Exception {
		ChunkedJobRuntime<?, ?> runtime = ChunkedJobRuntime.of(definition);
		String name = definition.getName();
		Step slice = new StepBuilder(ChunkedStepNames.slice(name), this.jobRepository)
			.tasklet(new SliceTasklet(runtime, this.payloads, this.ledger, this.runs, this.dispatcher, this.settings,
					this.handover), this.transactionManager)
			.build();
		PartitionStep process = new PartitionStep(this.jobRepository);
		process.setName(ChunkedStepNames.process(name));
		process.setStepExecutionSplitter(new LedgerStepExecutionSplitter(ChunkedStepNames.worker(name)));
		LedgerPartitionHandler handler = new LedgerPartitionHandler(definition, this.ledger, this.runs,
				this.dispatcher, this.jobRepository, this.settings, this.metrics, this.handover);
		process.setPartitionHandler(handler);
		process.afterPropertiesSet();
		ExecutionContextPromotionListener promotion = new ExecutionContextPromotionListener();
		promotion.setKeys(new String[] { RESULT_KEY });
		promotion.afterPropertiesSet();
		Step aggregate = new StepBuilder(ChunkedStepNames.aggregate(name), this.jobRepository)
			.tasklet(new AggregateTasklet(runtime, this.ledger, this.payloads, this.runs, this.settings,
					this.handover), this.transactionManager)
			.listener(promotion)
			.build();
		return new JobBuilder(name, this.jobRepository).validator(new DefinitionParametersValidator(definition))
			.listener(new StopDescriptionListener())
			.listener(new HandoverListener(this.handover, this.jobRepository, this.ledger))
			.start(slice)
			.next(process)
			.next(aggregate)
			.build();
	}

}
