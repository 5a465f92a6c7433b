package io.chunking.support.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The meters the manager and the workers record as chunks move, all tagged with the job name:
 * <ul>
 * <li>{@value #CHUNK_DURATION} (timer, worker): one attempt from claim to completion, tagged {@code outcome}
 * ({@code succeeded}, {@code failed}, {@code rejected});</li>
 * <li>{@value #ITEMS_PROCESSED} (counter, worker): items written by succeeded attempts;</li>
 * <li>{@value #RETRIED} (counter, manager): failed chunks dispatched again;</li>
 * <li>{@value #DEAD} (counter, manager): chunks that used up their attempts;</li>
 * <li>{@value #REDISPATCHED} (counter, manager): pending chunks whose request nobody claimed, sent again.</li>
 * </ul>
 */
public final class ChunkMetrics {

	public static final String CHUNK_DURATION = "chunking.chunk.duration";

	public static final String ITEMS_PROCESSED = "chunking.items.processed";

	public static final String RETRIED = "chunking.chunks.retried";

	public static final String DEAD = "chunking.chunks.dead";

	public static final String REDISPATCHED = "chunking.chunks.redispatched";

	private final MeterRegistry registry;

	public ChunkMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Meters kept in memory only, for code run without a meter registry (tests, embedding). */
	public static ChunkMetrics inMemory() {
		return new ChunkMetrics(new SimpleMeterRegistry());
	}

	/** Records one chunk attempt that ended with {@code outcome} after {@code nanos}. */
	public void attempt(String job, String outcome, long nanos) {
		Timer.builder(CHUNK_DURATION)
			.description("Chunk attempts from claim to completion")
			.tag("job", job)
			.tag("outcome", outcome.toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	public void itemsProcessed(String job, long items) {
		Counter.builder(ITEMS_PROCESSED)
			.description("Items written by succeeded chunk attempts")
			.tag("job", job)
			.register(this.registry)
			.increment(items);
	}

	public void retried(String job) {
		Counter.builder(RETRIED).description("Failed chunks dispatched again").tag("job", job)
			.register(this.registry)
			.increment();
	}

	public void dead(String job) {
		Counter.builder(DEAD).description("Chunks that used up their attempts").tag("job", job)
			.register(this.registry)
			.increment();
	}

	public void redispatched(String job, long chunks) {
		Counter.builder(REDISPATCHED)
			.description("Pending chunks whose request nobody claimed, sent again")
			.tag("job", job)
			.register(this.registry)
			.increment(chunks);
	}

}
