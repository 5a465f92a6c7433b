package io.chunking.samples.largeobject;

/**
 * An order of the large object, priced and enriched, as the job writes it to its NDJSON output.
 *
 * @param id the order's id
 * @param customer who ordered
 * @param category the category, upper case
 * @param amountCents the amount in cents
 * @param taxCents the tax included in the amount at the category's rate, in cents
 * @param priceBand the band of the amount, one of {@link OrderEnrichment#BANDS}
 */
public record EnrichedOrder(String id, String customer, String category, long amountCents, long taxCents,
		String priceBand) {
}
