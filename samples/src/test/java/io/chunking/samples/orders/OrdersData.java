package io.chunking.samples.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders with known contents, and the result the orders jobs must give for them: order {@code i} has id
 * {@code o-<i, 6 digits>}, customer {@code c-<i mod 97>}, one of four categories, and {@code (i × 37 mod 10,000) + 1}
 * cents.
 */
final class OrdersData {

	static final List<String> CATEGORIES = List.of("books", "games", "music", "tools");

	private OrdersData() {
	}

	static Order order(int i) {
		return new Order(id(i), "c-" + (i % 97), CATEGORIES.get(i % 4), BigDecimal.valueOf(cents(i), 2));
	}

	static String id(int i) {
		return String.format("o-%06d", i);
	}

	static long cents(int i) {
		return (i * 37L) % 10_000 + 1;
	}

	static List<Order> orders(int from, int to) {
		List<Order> orders = new ArrayList<>();
		for (int i = from; i < to; i++) {
			orders.add(order(i));
		}
		return orders;
	}

	/** The result of pricing orders {@code from} to {@code to - 1}. */
	static Map<String, Object> result(int from, int to) {
		Map<String, Long> cents = new TreeMap<>();
		for (int i = from; i < to; i++) {
			cents.merge(CATEGORIES.get(i % 4).toUpperCase(Locale.ROOT), cents(i), Long::sum);
		}
		return Map.of("orders", (long) (to - from), "centsByCategory", cents);
	}

	static String csvRow(Order order) {
		return order.id() + "," + order.customer() + "," + order.category() + "," + order.amount().toPlainString();
	}

	static String ndjson(Order order) {
		return "{\"id\":\"" + order.id() + "\",\"customer\":\"" + order.customer() + "\",\"category\":\""
				+ order.category() + "\",\"amount\":" + order.amount().toPlainString() + "}";
	}

}
