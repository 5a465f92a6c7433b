package io.chunking.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * A named chunked job: where its items come from, how many go in a chunk, what a worker does with each item, and
 * how results are kept. Declare one as a bean (built with {@link ChunkedJob#named(String)}) in a jar on the
 * classpath of both the master and the workers; the master turns it into a Spring Batch job, the workers into the
 * worker step that processes its chunks.
 *
 * @param <I> item type
 * @param <O> processor output type
 */
public final class ChunkedJobDefinition<I, O> {

	/** Framework parameter: attempts per chunk before it is dead. */
	public static final String MAX_ATTEMPTS = "maxAttempts";

	/** Framework parameter: dead chunks tolerated before the execution fails, as a count or a percentage. */
	public static final String TOLERATED_DEAD_CHUNKS = "toleratedDeadChunks";

	private final String name;

	private final String description;

	private final List<JobParameterSpec> parameters;

	private final Class<I> itemType;

	private final ItemSource<I> source;

	private final ToIntFunction<JobArguments> chunkSize;

	private final String chunkSizeParameter;

	private final Function<ChunkAttempt, ItemProcessor<? super I, ? extends O>> processor;

	private final Function<ChunkAttempt, ItemWriter<? super O>> writer;

	private final ResultAggregation<O, ?> aggregation;

	private final Consumer<ChunkOrientedStepBuilder<I, O>> workerStepCustomizer;

	private final JobSchedule schedule;

	ChunkedJobDefinition(ChunkedJob.Builder<I, O> builder) {
		this.name = builder.name;
		this.description = builder.description;
		List<JobParameterSpec> all = new ArrayList<>(builder.parameters);
		all.add(JobParameterSpec.longParam(MAX_ATTEMPTS, builder.maxAttempts,
				"Attempts per chunk before it is dead (a dead letter)").range(1, 100));
		all.add(JobParameterSpec.stringParam(TOLERATED_DEAD_CHUNKS, builder.toleratedDeadChunks,
				"Dead chunks tolerated before the execution fails: a count (e.g. 2) or a percentage (e.g. 1%)"));
		this.parameters = List.copyOf(all);
		this.itemType = builder.itemType;
		this.source = builder.source;
		this.chunkSize = builder.chunkSize;
		this.chunkSizeParameter = builder.chunkSizeParameter;
		this.processor = builder.processor;
		this.writer = builder.writer;
		this.aggregation = builder.aggregation;
		this.workerStepCustomizer = builder.workerStepCustomizer;
		this.schedule = builder.schedule;
	}

	/** The cron schedule declared on the definition, if any. */
	public Optional<JobSchedule> getSchedule() {
		return Optional.ofNullable(this.schedule);
	}

	public String getName() {
		return this.name;
	}

	public String getDescription() {
		return this.description;
	}

	/** Declared parameters, followed by the framework's ({@value #MAX_ATTEMPTS}, {@value #TOLERATED_DEAD_CHUNKS}). */
	public List<JobParameterSpec> getParameters() {
		return this.parameters;
	}

	/**
	 * Validates the parameters of a trigger, including the chunk size they lead to.
	 * @throws InvalidJobArgumentsException naming the first parameter that is wrong
	 */
	public JobArguments validate(Map<String, String> given) {
		JobArguments arguments = JobArguments.validate(this.parameters, given);
		chunkSize(arguments);
		DeadChunkTolerance.parse(arguments.getString(TOLERATED_DEAD_CHUNKS));
		return arguments;
	}

	/** Items per chunk for a run with these arguments, checked against {@link ChunkSizes}. */
	public int chunkSize(JobArguments arguments) {
		return ChunkSizes.check(this.chunkSize.applyAsInt(arguments), this.chunkSizeParameter);
	}

	public Class<I> getItemType() {
		return this.itemType;
	}

	public ItemSource<I> getSource() {
		return this.source;
	}

	public ItemProcessor<? super I, ? extends O> processor(ChunkAttempt attempt) {
		return this.processor.apply(attempt);
	}

	/** The writer of an attempt's output, or {@code null} if the job keeps only its aggregation. */
	public ItemWriter<? super O> writer(ChunkAttempt attempt) {
		return (this.writer != null) ? this.writer.apply(attempt) : null;
	}

	/** The aggregation of outputs into the execution's result, or {@code null} if the job has none. */
	public ResultAggregation<O, ?> getAggregation() {
		return this.aggregation;
	}

	/** Applies the definition's customization (skip, retry, listeners) to a worker step builder. */
	public void customizeWorkerStep(ChunkOrientedStepBuilder<I, O> builder) {
		if (this.workerStepCustomizer != null) {
			this.workerStepCustomizer.accept(builder);
		}
	}

	@Override
	public String toString() {
		return "ChunkedJobDefinition '" + this.name + "'";
	}

}
