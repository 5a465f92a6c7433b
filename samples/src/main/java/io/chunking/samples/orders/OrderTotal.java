package io.chunking.samples.orders;

/**
 * A priced order, as the sinks write it.
 *
 * @param id the order's id
 * @param customer who ordered
 * @param category what kind of goods
 * @param amountCents the amount in cents
 */
public record OrderTotal(String id, String customer, String category, long amountCents) {
}
