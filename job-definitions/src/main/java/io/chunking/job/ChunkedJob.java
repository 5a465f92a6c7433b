package io.chunking.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.util.Assert;

/**
 * Entry point for declaring a {@link ChunkedJobDefinition}:
 *
 * <pre class="code">
 * ChunkedJob.named("rescore-profiles")
 *     .description("Re-scores every user profile")
 *     .parameter(JobParameterSpec.longParam("chunkSize", 500, "Profiles per chunk").range(20, 1000))
 *     .items(Long.class, (args) -> profileIds.streamAll())
 *     .processor((attempt) -> (id) -> scorer.score(id))
 *     .chunkSize((args) -> args.getInt("chunkSize"), "chunkSize")
 *     .writer((attempt) -> scoreWriter)
 *     .build();
 * </pre>
 */
public final class ChunkedJob {

	/** Default attempts per chunk. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Default number of items per chunk. */
	public static final int DEFAULT_CHUNK_SIZE = 500;

	private ChunkedJob() {
	}

	/**
	 * Starts the declaration of a job.
	 * @param name the job's name: letters, digits, '-', '_' and '.', used in URLs, queue names and object keys
	 */
	public static Start named(String name) {
		return new Start(name);
	}

	/** First stage: name, description, parameters. */
	public static final class Start {

		private final String name;

		private String description = "";

		private final List<JobParameterSpec> parameters = new ArrayList<>();

		Start(String name) {
			Assert.hasText(name, "name must not be empty");
			Assert.isTrue(name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"), () -> "Job name '" + name
					+ "' must start with a letter or digit and contain only letters, digits, '.', '_' and '-'");
			this.name = name;
		}

		public Start description(String description) {
			Assert.notNull(description, "description must not be null");
			this.description = description;
			return this;
		}

		public Start parameter(JobParameterSpec spec) {
			Assert.notNull(spec, "spec must not be null");
			Assert.isTrue(this.parameters.stream().noneMatch((p) -> p.name().equals(spec.name())),
					() -> "Parameter '" + spec.name() + "' is declared twice in job '" + this.name + "'");
			this.parameters.add(spec);
			return this;
		}

		/**
		 * The items of a run.
		 * @param itemType type of the items, for reading payloads back from JSON
		 * @param source yields the items lazily
		 */
		public <I> Items<I> items(Class<I> itemType, ItemSource<I> source) {
			Assert.notNull(itemType, "itemType must not be null");
			Assert.notNull(source, "source must not be null");
			return new Items<>(this, itemType, source);
		}

	}

	/** Second stage: the items are known; the processor comes next. */
	public static final class Items<I> {

		private final Start start;

		private final Class<I> itemType;

		private final ItemSource<I> source;

		Items(Start start, Class<I> itemType, ItemSource<I> source) {
			this.start = start;
			this.itemType = itemType;
			this.source = source;
		}

		/**
		 * The processor of one chunk attempt, created per attempt so it may hold per-chunk state.
		 */
		public <O> Builder<I, O> processor(Function<ChunkAttempt, ItemProcessor<? super I, ? extends O>> processor) {
			Assert.notNull(processor, "processor must not be null");
			return new Builder<>(this.start, this.itemType, this.source, processor);
		}

	}

	/** Last stage: optional settings, then {@link #build()}. */
	public static final class Builder<I, O> {

		final String name;

		final String description;

		final List<JobParameterSpec> parameters;

		final Class<I> itemType;

		final ItemSource<I> source;

		final Function<ChunkAttempt, ItemProcessor<? super I, ? extends O>> processor;

		ToIntFunction<JobArguments> chunkSize = (args) -> DEFAULT_CHUNK_SIZE;

		String chunkSizeParameter = "chunkSize";

		Function<ChunkAttempt, ItemWriter<? super O>> writer;

		ResultAggregation<O, ?> aggregation;

		Consumer<ChunkOrientedStepBuilder<I, O>> workerStepCustomizer;

		int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		JobSchedule schedule;

		String toleratedDeadChunks = "0";

		Builder(Start start, Class<I> itemType, ItemSource<I> source,
				Function<ChunkAttempt, ItemProcessor<? super I, ? extends O>> processor) {
			this.name = start.name;
			this.description = start.description;
			this.parameters = List.copyOf(start.parameters);
			this.itemType = itemType;
			this.source = source;
			this.processor = processor;
		}

		/**
		 * Items per chunk, computed from the run's arguments and checked against {@link ChunkSizes} (20 to 1000).
		 * Defaults to {@value ChunkedJob#DEFAULT_CHUNK_SIZE}.
		 * @param parameter the parameter to name when the computed size is out of bounds
		 */
		public Builder<I, O> chunkSize(ToIntFunction<JobArguments> chunkSize, String parameter) {
			Assert.notNull(chunkSize, "chunkSize must not be null");
			Assert.hasText(parameter, "parameter must not be empty");
			this.chunkSize = chunkSize;
			this.chunkSizeParameter = parameter;
			return this;
		}

		/**
		 * Where processed items go, created per attempt. Optional. As in a stock chunk-oriented step, a writer that is
		 * an {@code ItemStream} (e.g. a {@code FlatFileItemWriter}) is opened, updated at each commit and closed by
		 * the attempt's step, and one that is a step listener (by interface or annotation) is registered as one.
		 */
		public Builder<I, O> writer(Function<ChunkAttempt, ItemWriter<? super O>> writer) {
			Assert.notNull(writer, "writer must not be null");
			this.writer = writer;
			return this;
		}

		/** Aggregation of the outputs into the execution's result. Optional. */
		public Builder<I, O> aggregate(ResultAggregation<O, ?> aggregation) {
			Assert.notNull(aggregation, "aggregation must not be null");
			this.aggregation = aggregation;
			return this;
		}

		/**
		 * Customizes the worker step, e.g. {@code builder -> builder.faultTolerant().skip(X.class).skipLimit(10)}
		 * for item-level skip and retry inside one chunk attempt.
		 */
		public Builder<I, O> workerStep(Consumer<ChunkOrientedStepBuilder<I, O>> customizer) {
			Assert.notNull(customizer, "customizer must not be null");
			this.workerStepCustomizer = customizer;
			return this;
		}

		/** Default attempts per chunk, overridable per execution with the {@code maxAttempts} parameter. */
		public Builder<I, O> maxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts must be between 1 and 100");
			this.maxAttempts = maxAttempts;
			return this;
		}

		/** Default dead-chunk tolerance ({@code "2"} or {@code "1%"}), overridable per execution. */
		public Builder<I, O> toleratedDeadChunks(String tolerance) {
			DeadChunkTolerance.parse(tolerance);
			this.toleratedDeadChunks = tolerance;
			return this;
		}

		/**
		 * Starts the job on a cron schedule, in UTC, with its default parameters (configuration may override it
		 * with a {@code chunking.schedules} entry of the job's name).
		 */
		public Builder<I, O> schedule(String cron) {
			return schedule(cron, "UTC");
		}

		/** Starts the job on a cron schedule evaluated in {@code zone}, with its default parameters. */
		public Builder<I, O> schedule(String cron, String zone) {
			this.schedule = JobSchedule.of(cron, zone);
			return this;
		}

		public ChunkedJobDefinition<I, O> build() {
			return new ChunkedJobDefinition<>(this);
		}

	}

}
