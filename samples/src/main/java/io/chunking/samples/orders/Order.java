package io.chunking.samples.orders;

import java.math.BigDecimal;

/**
 * An order, as the sources read it: a CSV row or an NDJSON line of an S3 object, a document, a row, a line of a
 * local file.
 *
 * @param id unique id, the key of the outputs
 * @param customer who ordered
 * @param category what kind of goods
 * @param amount the amount, in currency units with cents
 */
public record Order(String id, String customer, String category, BigDecimal amount) {
}
