package io.chunking.samples.orders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.chunking.job.ResultAggregation;

/**
 * Counts the priced orders and sums their cents per category; presents {@code orders} and {@code centsByCategory}
 * (categories in alphabetical order).
 */
public final class CategoryTotals implements ResultAggregation<OrderTotal, CategoryTotals.Partial> {

	/**
	 * @param orders orders folded in
	 * @param cents cents per category
	 */
	public record Partial(long orders, Map<String, Long> cents) {
	}

	@Override
	public Class<Partial> partialType() {
		return Partial.class;
	}

	@Override
	public Partial empty() {
		return new Partial(0, Map.of());
	}

	@Override
	public Partial add(Partial partial, OrderTotal output) {
		Map<String, Long> cents = new TreeMap<>(partial.cents());
		cents.merge(output.category(), output.amountCents(), Long::sum);
		return new Partial(partial.orders() + 1, cents);
	}

	@Override
	public Partial merge(Partial left, Partial right) {
		Map<String, Long> cents = new TreeMap<>(left.cents());
		right.cents().forEach((category, sum) -> cents.merge(category, sum, Long::sum));
		return new Partial(left.orders() + right.orders(), cents);
	}

	@Override
	public Map<String, Object> present(Partial total) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("orders", total.orders());
		result.put("centsByCategory", new TreeMap<>(total.cents()));
		return result;
	}

}
