package io.chunking.job;

import java.util.Map;

/**
 * Optional aggregation of a job's output into one result. Each worker folds the outputs of its chunk into a partial
 * result, stored as a JSON object per chunk; the master merges the partial results of the chunks that succeeded and
 * presents the total as the execution's {@code result} map. Partials must merge associatively and commutatively:
 * chunks finish in any order.
 *
 * @param <O> processor output type
 * @param <P> partial result type; must be serializable to JSON with Jackson
 */
public interface ResultAggregation<O, P> {

	/** Type of the partial result, for JSON reading. */
	Class<P> partialType();

	/** The partial result of no items. */
	P empty();

	/** {@code partial} with one more output folded in. */
	P add(P partial, O output);

	/** The combination of two partial results. */
	P merge(P left, P right);

	/** The execution's result map from the merged total of all succeeded chunks. */
	Map<String, Object> present(P total);

}
