package io.chunking.samples.fetchcache;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chunking.job.ResultAggregation;

/** Counts the keys of a batch by outcome; presents {@code fetched}, {@code failed} and {@code cached}. */
final class FetchCounts implements ResultAggregation<Fetched, FetchCounts.Partial> {

	/**
	 * @param fetched values fetched and stored
	 * @param failed permanent errors stored
	 * @param cached keys found stored already
	 */
	record Partial(long fetched, long failed, long cached) {
	}

	@Override
	public Class<Partial> partialType() {
		return Partial.class;
	}

	@Override
	public Partial empty() {
		return new Partial(0, 0, 0);
	}

	@Override
	public Partial add(Partial partial, Fetched output) {
		return switch (output.outcome()) {
			case Fetched.FETCHED -> new Partial(partial.fetched() + 1, partial.failed(), partial.cached());
			case Fetched.FAILED -> new Partial(partial.fetched(), partial.failed() + 1, partial.cached());
			default -> new Partial(partial.fetched(), partial.failed(), partial.cached() + 1);
		};
	}

	@Override
	public Partial merge(Partial left, Partial right) {
		return new Partial(left.fetched() + right.fetched(), left.failed() + right.failed(),
				left.cached() + right.cached());
	}

	@Override
	public Map<String, Object> present(Partial total) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put(Fetched.FETCHED, total.fetched());
		result.put(Fetched.FAILED, total.failed());
		result.put(Fetched.CACHED, total.cached());
		return result;
	}

}
