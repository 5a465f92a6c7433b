package io.chunking.samples.checksum;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chunking.job.ResultAggregation;

/**
 * Folds hash prefixes into a count and a 64-bit wrap-around sum; presents the sum as 16 lowercase hex digits.
 */
final class ChecksumAggregation implements ResultAggregation<Long, ChecksumAggregation.Partial> {

	/**
	 * @param count items folded in
	 * @param sum wrap-around sum of their hash prefixes
	 */
	record Partial(long count, long sum) {
	}

	@Override
	public Class<Partial> partialType() {
		return Partial.class;
	}

	@Override
	public Partial empty() {
		return new Partial(0, 0);
	}

	@Override
	public Partial add(Partial partial, Long output) {
		return new Partial(partial.count() + 1, partial.sum() + output);
	}

	@Override
	public Partial merge(Partial left, Partial right) {
		return new Partial(left.count() + right.count(), left.sum() + right.sum());
	}

	@Override
	public Map<String, Object> present(Partial total) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("count", total.count());
		result.put("checksum", String.format("%016x", total.sum()));
		return result;
	}

}
