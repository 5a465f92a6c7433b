package io.chunking.samples.largeobject;

import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.samples.orders.Order;
import io.chunking.samples.orders.OrderPricing;
import io.chunking.samples.orders.OrderTotal;

/**
 * Prices an order in cents with the orders samples' {@link OrderPricing} (which refuses a negative amount with an
 * {@link OrderPricing.InvalidOrderException}, skipped by the job) and enriches it: the tax its amount includes (7 %
 * for {@link #REDUCED_RATE_CATEGORIES}, 19 % for the others, rounded half up to the cent) and its price band.
 */
public final class OrderEnrichment implements ItemProcessor<Order, EnrichedOrder> {

	/** Price bands, by amount: below 10.00, below 100.00, below 1,000.00, and the rest. */
	public static final List<String> BANDS = List.of("under-10", "10-to-100", "100-to-1000", "1000-and-over");

	/** Categories taxed at the reduced rate. */
	public static final Set<String> REDUCED_RATE_CATEGORIES = Set.of("BOOKS", "GROCERY", "MUSIC");

	private final OrderPricing pricing = new OrderPricing();

	@Override
	public EnrichedOrder process(Order order) {
		OrderTotal total = this.pricing.process(order);
		return new EnrichedOrder(total.id(), total.customer(), total.category(), total.amountCents(),
				taxCents(total.category(), total.amountCents()), band(total.amountCents()));
	}

	/** The tax included in a gross amount of a category, in cents: amount × rate / (1 + rate), half up. */
	public static long taxCents(String category, long amountCents) {
		long percent = REDUCED_RATE_CATEGORIES.contains(category) ? 7 : 19;
		return (amountCents * percent * 2 + (100 + percent)) / (2 * (100 + percent));
	}

	/** The price band of an amount in cents. */
	public static String band(long amountCents) {
		if (amountCents < 1_000) {
			return BANDS.get(0);
		}
		if (amountCents < 10_000) {
			return BANDS.get(1);
		}
		return (amountCents < 100_000) ? BANDS.get(2) : BANDS.get(3);
	}

}
