package io.chunking.samples.largeobject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.chunking.job.ResultAggregation;

/**
 * Counts the enriched orders and sums their cents and tax per category and counts them per price band; presents
 * {@code orders}, {@code centsByCategory}, {@code taxCentsByCategory} and {@code ordersByPriceBand} (keys in
 * alphabetical order).
 */
public final class LargeObjectTotals implements ResultAggregation<EnrichedOrder, LargeObjectTotals.Partial> {

	/**
	 * @param orders orders folded in
	 * @param cents cents per category
	 * @param tax tax cents per category
	 * @param bands orders per price band
	 */
	public record Partial(long orders, Map<String, Long> cents, Map<String, Long> tax, Map<String, Long> bands) {
	}

	@Override
	public Class<Partial> partialType() {
		return Partial.class;
	}

	@Override
	public Partial empty() {
		return new Partial(0, Map.of(), Map.of(), Map.of());
	}

	@Override
	public Partial add(Partial partial, EnrichedOrder order) {
		return merge(partial, new Partial(1, Map.of(order.category(), order.amountCents()),
				Map.of(order.category(), order.taxCents()), Map.of(order.priceBand(), 1L)));
	}

	@Override
	public Partial merge(Partial left, Partial right) {
		return new Partial(left.orders() + right.orders(), sum(left.cents(), right.cents()),
				sum(left.tax(), right.tax()), sum(left.bands(), right.bands()));
	}

	@Override
	public Map<String, Object> present(Partial total) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("orders", total.orders());
		result.put("centsByCategory", new TreeMap<>(total.cents()));
		result.put("taxCentsByCategory", new TreeMap<>(total.tax()));
		result.put("ordersByPriceBand", new TreeMap<>(total.bands()));
		return result;
	}

	private static Map<String, Long> sum(Map<String, Long> left, Map<String, Long> right) {
		Map<String, Long> sums = new TreeMap<>(left);
		right.forEach((key, value) -> sums.merge(key, value, Long::sum));
		return sums;
	}

}
