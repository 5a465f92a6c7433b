package io.chunking.samples.newsletter;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chunking.job.ResultAggregation;

/**
 * Counts the subscribers of the counted attempts by outcome; presents {@code sent} (mailed by this run) and
 * {@code alreadySent} (mailed by an earlier run of the issue, not mailed again).
 */
final class DeliveryCounts implements ResultAggregation<Delivery, DeliveryCounts.Partial> {

	/**
	 * @param sent subscribers mailed by this run
	 * @param alreadySent subscribers mailed by an earlier run of the issue
	 */
	record Partial(long sent, long alreadySent) {
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
	public Partial add(Partial partial, Delivery delivery) {
		return (delivery.outcome() == Delivery.Outcome.SENT) ? new Partial(partial.sent() + 1, partial.alreadySent())
				: new Partial(partial.sent(), partial.alreadySent() + 1);
	}

	@Override
	public Partial merge(Partial left, Partial right) {
		return new Partial(left.sent() + right.sent(), left.alreadySent() + right.alreadySent());
	}

	@Override
	public Map<String, Object> present(Partial total) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("sent", total.sent());
		result.put("alreadySent", total.alreadySent());
		return result;
	}

}
