package io.chunking.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.spi.ChunkedJobRuntime;

/**
 * The definition {@link ChunkedJob.Builder#build()} makes: its settings, with the framework's parameters added.
 *
 * @param <I> item type
 * @param <O> processor output type
 */
final class DefaultChunkedJobDefinition<I, O> implements ChunkedJobRuntime<I, O> {

	private final String name;

	private final String description;

	private final List<JobParameterSpec> parameters;

	private final RecordSource<?, I> source;

	private final ToIntFunction<JobArguments> chunkSize;

	private final Function<ChunkAttempt, ? extends ItemProcessor<? super I, ? extends O>> processor;

	private final @Nullable ChunkSink<? super O> sink;

	private final @Nullable ResultAggregation<O, ?> aggregation;

	private final @Nullable Consumer<ChunkOrientedStepBuilder<I, O>> workerStepCustomizer;

	private final @Nullable JobSchedule schedule;

	private final int concurrency;

	private final @Nullable RateLimit rateLimit;

	DefaultChunkedJobDefinition(ChunkedJob.Builder<I, O> builder, ToIntFunction<JobArguments> chunkSize) {
		this.name = builder.name;
		this.description = builder.description;
		List<JobParameterSpec> all = new ArrayList<>(builder.parameters);
		all.add(JobParameterSpec.longParam(MAX_ATTEMPTS, builder.maxAttempts,
				"Attempts per chunk before it is dead (a dead letter)").range(1, 100));
		all.add(JobParameterSpec.stringParam(TOLERATED_DEAD_CHUNKS, builder.deadChunkTolerance.toString(),
				"Dead chunks tolerated before the execution fails: a count (e.g. 2) or a percentage (e.g. 1%)"));
		this.parameters = List.copyOf(all);
		this.source = builder.source;
		this.chunkSize = chunkSize;
		this.processor = builder.processor;
		this.sink = builder.sink;
		this.aggregation = builder.aggregation;
		this.workerStepCustomizer = builder.workerStepCustomizer;
		this.schedule = builder.schedule;
		this.concurrency = builder.concurrency;
		this.rateLimit = builder.rateLimit;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getDescription() {
		return this.description;
	}

	@Override
	public List<JobParameterSpec> getParameters() {
		return this.parameters;
	}

	@Override
	public Optional<JobSchedule> getSchedule() {
		return Optional.ofNullable(this.schedule);
	}

	@Override
	public JobArguments validate(Map<String, String> given) {
		JobArguments arguments = JobArguments.validate(this.parameters, given);
		chunkSize(arguments);
		DeadChunkTolerance.parse(arguments.getString(TOLERATED_DEAD_CHUNKS));
		return arguments;
	}

	@Override
	public int chunkSize(JobArguments arguments) {
		return this.chunkSize.applyAsInt(arguments);
	}

	@Override
	public RecordSource<?, I> getSource() {
		return this.source;
	}

	@Override
	public ItemProcessor<? super I, ? extends O> processor(ChunkAttempt attempt) {
		return this.processor.apply(attempt);
	}

	@Override
	public @Nullable ChunkSink<? super O> getSink() {
		return this.sink;
	}

	@Override
	public @Nullable ResultAggregation<O, ?> getAggregation() {
		return this.aggregation;
	}

	@Override
	public void customizeWorkerStep(ChunkOrientedStepBuilder<I, O> builder) {
		if (this.workerStepCustomizer != null) {
			this.workerStepCustomizer.accept(builder);
		}
	}

	@Override
	public String toString() {
		return "ChunkedJobDefinition '" + this.name + "'";
	}

	@Override
	public int getConcurrency() {
		return this.concurrency;
	}

	@Override
	public @Nullable RateLimit getRateLimit() {
		return this.rateLimit;
	}

}
