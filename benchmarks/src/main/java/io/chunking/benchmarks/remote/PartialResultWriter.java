package io.chunking.benchmarks.remote;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import tools.jackson.databind.json.JsonMapper;

import io.chunking.job.ResultAggregation;

/**
 * Folds a partition's outputs into the job's partial result and keeps it, as JSON, in the step's execution context
 * at each commit, where the manager reads it when all partitions are done. One instance serves one partition at a
 * time.
 */
final class PartialResultWriter<P> implements ItemStreamWriter<Long> {

	/** Key of the partial result in a partition's execution context. */
	static final String PARTIAL = "partial";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ResultAggregation<Long, P> aggregation;

	private P partial;

	PartialResultWriter(ResultAggregation<Long, P> aggregation) {
		this.aggregation = aggregation;
		this.partial = aggregation.empty();
	}

	@Override
	public void open(ExecutionContext context) {
		this.partial = context.containsKey(PARTIAL) ? read(this.aggregation, context.getString(PARTIAL))
				: this.aggregation.empty();
	}

	@Override
	public void write(Chunk<? extends Long> chunk) {
		for (Long output : chunk) {
			this.partial = this.aggregation.add(this.partial, output);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.putString(PARTIAL, JSON.writeValueAsString(this.partial));
	}

	static <P> P read(ResultAggregation<Long, P> aggregation, String json) {
		return JSON.readValue(json, aggregation.partialType());
	}

}
