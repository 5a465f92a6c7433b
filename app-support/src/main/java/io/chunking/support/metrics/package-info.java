/**
 * Metrics of chunk attempts, retries and dead chunks.
 */
@NullMarked
package io.chunking.support.metrics;

import org.jspecify.annotations.NullMarked;
