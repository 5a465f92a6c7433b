/**
 * The large object sample: one gzip NDJSON object of orders in S3, made by {@link LargeObjectGenerator} (streamed
 * with a multipart upload, deterministic, with invalid lines at known line numbers), sliced by lines by the job
 * {@code large-object}, each line parsed and enriched (tax and price band), invalid lines skipped with their line
 * numbers, the results written to S3 as NDJSON listed in a manifest, and totals per category.
 */
@NullMarked
package io.chunking.samples.largeobject;

import org.jspecify.annotations.NullMarked;
