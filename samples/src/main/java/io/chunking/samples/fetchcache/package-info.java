/**
 * The fetch-and-cache sample (the request-signature pattern): a small web app answers {@code GET /data/{key}} from a
 * cache in MongoDB, records a missing key as in progress in an open batch and answers 202; a batcher closes the
 * batch every 250 ms (or at N keys) and triggers the {@value io.chunking.samples.fetchcache.FetchCacheJob#NAME} job
 * for it, which fetches every key of the batch from the origin once and stores its value or its permanent error.
 */
@NullMarked
package io.chunking.samples.fetchcache;

import org.jspecify.annotations.NullMarked;
