package io.chunking.samples.files;

import java.util.Map;

import io.chunking.job.ResultAggregation;

/**
 * Counts the lines written; presents the total as {@code lines}.
 */
final class LineCount implements ResultAggregation<String, Long> {

	@Override
	public Class<Long> partialType() {
		return Long.class;
	}

	@Override
	public Long empty() {
		return 0L;
	}

	@Override
	public Long add(Long partial, String line) {
		return partial + 1;
	}

	@Override
	public Long merge(Long left, Long right) {
		return left + right;
	}

	@Override
	public Map<String, Object> present(Long total) {
		return Map.of("lines", total);
	}

}
