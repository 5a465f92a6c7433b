/**
 * Manager side of a chunked job: the Spring Batch job that slices the items, dispatches and supervises the chunks,
 * and aggregates their results.
 */
@NullMarked
package io.chunking.master.manager;

import org.jspecify.annotations.NullMarked;
