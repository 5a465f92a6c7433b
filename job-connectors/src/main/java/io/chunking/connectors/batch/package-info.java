/**
 * Spring Batch's own readers as a source: {@link ItemReaderSource} reads any {@code ItemReader} on the master.
 */
@NullMarked
package io.chunking.connectors.batch;

import org.jspecify.annotations.NullMarked;
