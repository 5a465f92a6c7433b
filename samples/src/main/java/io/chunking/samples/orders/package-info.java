/**
 * The orders samples: one small domain (orders with a customer, a category and an amount) read from and written to
 * each kind of store the built-in connectors reach, a job per source, each with a different sink. They are the
 * examples of {@code docs/jobs.md} and what the connectors' end-to-end tests run.
 */
@NullMarked
package io.chunking.samples.orders;

import org.jspecify.annotations.NullMarked;
