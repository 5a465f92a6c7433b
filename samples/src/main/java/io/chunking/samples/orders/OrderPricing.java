package io.chunking.samples.orders;

import java.math.BigDecimal;
import java.util.Locale;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Prices an order in cents and upper-cases its category. An order with a negative amount is refused with an
 * {@link InvalidOrderException}, which the orders jobs skip: it is recorded with its position.
 */
public final class OrderPricing implements ItemProcessor<Order, OrderTotal> {

	@Override
	public OrderTotal process(Order order) {
		if (order.amount().signum() < 0) {
			throw new InvalidOrderException("Order " + order.id() + " has a negative amount " + order.amount());
		}
		long cents = order.amount().multiply(BigDecimal.valueOf(100)).longValueExact();
		return new OrderTotal(order.id(), order.customer(), order.category().toUpperCase(Locale.ROOT), cents);
	}

	/** An order that cannot be priced. */
	public static class InvalidOrderException extends IllegalArgumentException {

		public InvalidOrderException(String message) {
			super(message);
		}

	}

}
