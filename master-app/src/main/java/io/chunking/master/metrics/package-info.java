/**
 * Gauges of the master: chunks of running executions, workers, queue depth and dead letters.
 */
@NullMarked
package io.chunking.master.metrics;

import org.jspecify.annotations.NullMarked;
