package io.chunking.job;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
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
 *     .processor((id) -> scorer.score(id))
 *     .chunkSizeParameter("chunkSize")
 *     .writer(scoreWriter)
 *     .deadChunkTolerance(DeadChunkTolerance.percent(1))
 *     .schedule("0 0 2 * * *", ZoneId.of("Europe/Paris"))
 *     .build();
 * </pre>
 *
 * The stages are typed: name, description and parameters first, then the items, then the processor, then the
 * optional settings and {@link Builder#build()}, which checks that the settings fit together.
 */
public final class ChunkedJob {

	/** Default attempts per chunk. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Default number of items per chunk. */
	public static final int DEFAULT_CHUNK_SIZE = 500;

	/** Most items of one chunk attempt processed at once, see {@link Builder#concurrency(int)}. */
	public static final int MAX_CONCURRENCY = 256;

	/** Default time zone of a schedule. */
	public static final ZoneId DEFAULT_SCHEDULE_ZONE = ZoneId.of("UTC");

	private static final Set<String> FRAMEWORK_PARAMETERS = Set.of(ChunkedJobDefinition.MAX_ATTEMPTS,
			ChunkedJobDefinition.TOLERATED_DEAD_CHUNKS);

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

		/** What the job does, shown in job listings. Defaults to empty. */
		public Start description(String description) {
			Assert.notNull(description, "description must not be null");
			this.description = description;
			return this;
		}

		/**
		 * Declares a parameter. Triggers are validated against the declarations; the framework adds
		 * {@value ChunkedJobDefinition#MAX_ATTEMPTS} and {@value ChunkedJobDefinition#TOLERATED_DEAD_CHUNKS} itself.
		 */
		public Start parameter(JobParameterSpec spec) {
			Assert.notNull(spec, "spec must not be null");
			Assert.isTrue(!FRAMEWORK_PARAMETERS.contains(spec.name()), () -> "Parameter '" + spec.name()
					+ "' is the framework's, every job has it; job '" + this.name + "' must not declare it");
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
			return new Items<>(this, RecordSource.of(itemType, source));
		}

		/**
		 * The items of a run, from a source whose records the master slices and the workers read into items, such
		 * as the built-in S3, MongoDB, JDBC and item reader sources of the {@code job-connectors} module. A record
		 * that cannot be read is skipped and recorded with its position.
		 */
		public <I> Items<I> items(RecordSource<?, I> source) {
			Assert.notNull(source, "source must not be null");
			Assert.notNull(source.recordType(), "source.recordType() must not be null");
			return new Items<>(this, source);
		}

	}

	/** Second stage: the items are known; the processor comes next. */
	public static final class Items<I> {

		private final Start start;

		private final RecordSource<?, I> source;

		Items(Start start, RecordSource<?, I> source) {
			this.start = start;
			this.source = source;
		}

		/**
		 * The processor of every chunk attempt. It is shared by the attempts a worker runs at once, so it must be
		 * stateless (or thread-safe) and must not be an {@link ItemStream}; use {@link #processorPerAttempt} for one
		 * that holds state or depends on the attempt.
		 */
		public <O> Builder<I, O> processor(ItemProcessor<? super I, ? extends O> processor) {
			Assert.notNull(processor, "processor must not be null");
			Assert.isTrue(!(processor instanceof ItemStream), "processor must not be an ItemStream, whose state "
					+ "belongs to one attempt: create it per attempt with processorPerAttempt(..)");
			return new Builder<>(this.start, this.source, (attempt) -> processor);
		}

		/**
		 * The processor of one chunk attempt, created per attempt so it may hold per-chunk state or depend on the
		 * {@link ChunkAttempt} (its chunk, attempt number and arguments).
		 */
		public <O> Builder<I, O> processorPerAttempt(
				Function<ChunkAttempt, ? extends ItemProcessor<? super I, ? extends O>> processor) {
			Assert.notNull(processor, "processor must not be null");
			return new Builder<>(this.start, this.source, processor);
		}

	}

	/** Last stage: optional settings, then {@link #build()}. */
	public static final class Builder<I, O> {

		final String name;

		final String description;

		final List<JobParameterSpec> parameters;

		final RecordSource<?, I> source;

		final Function<ChunkAttempt, ? extends ItemProcessor<? super I, ? extends O>> processor;

		private @Nullable Integer chunkSize;

		private @Nullable String chunkSizeParameter;

		@Nullable ChunkSink<? super O> sink;

		@Nullable ResultAggregation<O, ?> aggregation;

		@Nullable Consumer<ChunkOrientedStepBuilder<I, O>> workerStepCustomizer;

		int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		@Nullable JobSchedule schedule;

		DeadChunkTolerance deadChunkTolerance = DeadChunkTolerance.NONE;

		int concurrency = 1;

		@Nullable RateLimit rateLimit;

		Builder(Start start, RecordSource<?, I> source,
				Function<ChunkAttempt, ? extends ItemProcessor<? super I, ? extends O>> processor) {
			this.name = start.name;
			this.description = start.description;
			this.parameters = List.copyOf(start.parameters);
			this.source = source;
			this.processor = processor;
		}

		/**
		 * The same number of items in every chunk, between {@value ChunkSizes#MIN} and {@value ChunkSizes#MAX}.
		 * Without this or {@link #chunkSizeParameter(String)}, chunks hold {@value ChunkedJob#DEFAULT_CHUNK_SIZE}
		 * items.
		 */
		public Builder<I, O> chunkSize(int chunkSize) {
			Assert.isTrue(ChunkSizes.isValid(chunkSize), () -> "chunkSize must be between " + ChunkSizes.MIN
					+ " and " + ChunkSizes.MAX + ", was " + chunkSize);
			this.chunkSize = chunkSize;
			return this;
		}

		/**
		 * Items per chunk given by a declared {@code long} parameter, so each execution may choose it. A value out
		 * of {@link ChunkSizes} bounds is rejected when the execution is triggered, naming the parameter.
		 * @param name name of the parameter, declared with
		 * {@link JobParameterSpec#longParam(String, long, String)}
		 */
		public Builder<I, O> chunkSizeParameter(String name) {
			Assert.hasText(name, "chunkSizeParameter must not be empty");
			this.chunkSizeParameter = name;
			return this;
		}

		/**
		 * Where processed items go, one writer shared by every attempt. Optional. It must be thread-safe and must not
		 * be an {@link ItemStream}; use {@link #writerPerAttempt} for a stateful writer such as a
		 * {@code FlatFileItemWriter}.
		 */
		public Builder<I, O> writer(ItemWriter<? super O> writer) {
			Assert.notNull(writer, "writer must not be null");
			Assert.isTrue(!(writer instanceof ItemStream), "writer must not be an ItemStream, whose state belongs "
					+ "to one attempt: create it per attempt with writerPerAttempt(..)");
			return writerPerAttempt((attempt) -> writer);
		}

		/**
		 * Where processed items go, created per attempt. Optional. As in a stock chunk-oriented step, a writer that is
		 * an {@code ItemStream} (e.g. a {@code FlatFileItemWriter}) is opened, updated at each commit and closed by
		 * the attempt's step, and one that is a step listener (by interface or annotation) is registered as one.
		 */
		public Builder<I, O> writerPerAttempt(Function<ChunkAttempt, ? extends ItemWriter<? super O>> writer) {
			Assert.notNull(writer, "writer must not be null");
			return sink(new ChunkSink<O>() {

				@Override
				@SuppressWarnings("unchecked")
				public ItemWriter<O> open(ChunkAttempt attempt) {
					return (ItemWriter<O>) writer.apply(attempt);
				}

			});
		}

		/**
		 * Where processed items go: a sink with a writer per attempt on the workers and, if it needs one, a last step
		 * on the master when the execution completes, such as the built-in S3 (with a manifest), MongoDB and JDBC
		 * sinks of the {@code job-connectors} module. Optional; a job has one sink (or writer) at most.
		 */
		public Builder<I, O> sink(ChunkSink<? super O> sink) {
			Assert.notNull(sink, "sink must not be null");
			Assert.state(this.sink == null, () -> "Job '" + this.name + "' already has a sink or writer; it can have one");
			this.sink = sink;
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

		/**
		 * Items of one chunk attempt processed at once, between 1 (the default: one after the other) and
		 * {@value ChunkedJob#MAX_CONCURRENCY}, for I/O-bound processors such as HTTP calls or mail. The worker step
		 * reads the items of each commit interval, processes up to this many of them at once on the attempt's own
		 * threads, and writes the outputs in item order; skip and retry still apply per item. The processor must be
		 * thread-safe. The commit interval bounds the items in flight: the step reads one commit interval's items
		 * (the worker's {@code chunking.worker.commit-interval}, default 100), processes them and writes them before
		 * it reads the next, so at most the smaller of the two are processed at once; keep the commit interval at a
		 * few times the concurrency.
		 */
		public Builder<I, O> concurrency(int items) {
			Assert.isTrue(items >= 1 && items <= MAX_CONCURRENCY,
					() -> "concurrency must be between 1 and " + MAX_CONCURRENCY + ", was " + items);
			this.concurrency = items;
			return this;
		}

		/**
		 * Every item takes one permit of a rate limit shared by all workers before it is processed, e.g.
		 * {@code RateLimit.perSecond("smtp-relay", 20)}. An item that gets no permit within the limit's maximum wait
		 * fails with {@link RateLimitTimeoutException} (retried or skipped like any processing error). For limits on
		 * part of the work only, inject {@link RateLimiters} instead.
		 */
		public Builder<I, O> rateLimit(RateLimit limit) {
			Assert.notNull(limit, "limit must not be null");
			this.rateLimit = limit;
			return this;
		}

		/**
		 * Default attempts per chunk, between 1 and 100, overridable per execution with the
		 * {@value ChunkedJobDefinition#MAX_ATTEMPTS} parameter. Defaults to
		 * {@value ChunkedJob#DEFAULT_MAX_ATTEMPTS}.
		 */
		public Builder<I, O> maxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1 && maxAttempts <= 100,
					() -> "maxAttempts must be between 1 and 100, was " + maxAttempts);
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Default dead chunks tolerated before an execution fails, overridable per execution with the
		 * {@value ChunkedJobDefinition#TOLERATED_DEAD_CHUNKS} parameter. Defaults to {@link DeadChunkTolerance#NONE}.
		 */
		public Builder<I, O> deadChunkTolerance(DeadChunkTolerance tolerance) {
			Assert.notNull(tolerance, "tolerance must not be null");
			this.deadChunkTolerance = tolerance;
			return this;
		}

		/**
		 * Starts the job on a cron schedule, in UTC, with its default parameters (configuration may override it
		 * with a {@code chunking.schedules} entry of the job's name).
		 * @param cron Spring cron expression with seconds, e.g. {@code 0 0 2 * * *}
		 */
		public Builder<I, O> schedule(String cron) {
			return schedule(cron, DEFAULT_SCHEDULE_ZONE);
		}

		/**
		 * Starts the job on a cron schedule evaluated in {@code zone}, with its default parameters.
		 * @param cron Spring cron expression with seconds, e.g. {@code 0 0 2 * * *}
		 */
		public Builder<I, O> schedule(String cron, ZoneId zone) {
			Assert.hasText(cron, "cron must not be empty");
			Assert.notNull(zone, "zone must not be null");
			this.schedule = new JobSchedule(cron, zone);
			return this;
		}

		/**
		 * The definition.
		 * @throws IllegalStateException if the chunk size is given both ways, or by a parameter that is not a
		 * declared {@code long} parameter with a value in {@link ChunkSizes} bounds
		 */
		public ChunkedJobDefinition<I, O> build() {
			return new DefaultChunkedJobDefinition<>(this, chunkSizeFunction());
		}

		private ToIntFunction<JobArguments> chunkSizeFunction() {
			String parameter = this.chunkSizeParameter;
			if (parameter == null) {
				int size = (this.chunkSize != null) ? this.chunkSize : DEFAULT_CHUNK_SIZE;
				return (arguments) -> size;
			}
			Assert.state(this.chunkSize == null, () -> "Job '" + this.name + "' sets both chunkSize("
					+ this.chunkSize + ") and chunkSizeParameter(\"" + parameter + "\"); set one");
			JobParameterSpec spec = this.parameters.stream()
				.filter((candidate) -> candidate.name().equals(parameter))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Chunk size parameter '" + parameter + "' of job '"
						+ this.name + "' is not declared; declare it with parameter(JobParameterSpec.longParam(..))"));
			Assert.state(spec.type() == ParameterType.LONG, () -> "Chunk size parameter '" + parameter + "' of job '"
					+ this.name + "' must be a LONG parameter, is " + spec.type());
			String defaultValue = spec.defaultValue();
			Assert.state(defaultValue != null || spec.required(), () -> "Chunk size parameter '" + parameter
					+ "' of job '" + this.name + "' needs a default value or must be required");
			Assert.state(defaultValue == null || ChunkSizes.isValid(Long.parseLong(defaultValue)),
					() -> "Default " + defaultValue + " of chunk size parameter '" + parameter + "' of job '"
							+ this.name + "' must be between " + ChunkSizes.MIN + " and " + ChunkSizes.MAX);
			return (arguments) -> ChunkSizes.check(arguments.getLong(parameter), parameter);
		}

	}

}
