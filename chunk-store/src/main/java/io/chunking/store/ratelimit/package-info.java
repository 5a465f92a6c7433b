/**
 * Rate limits shared by every process of a deployment: {@link io.chunking.store.ratelimit.SharedRateLimiters}, the
 * {@link io.chunking.job.RateLimiters} of the master and worker applications, hands out permits reserved in a
 * {@link io.chunking.store.ratelimit.RateLimitStore} (MongoDB in {@code store.mongo}, in memory in
 * {@code store.memory}).
 */
@NullMarked
package io.chunking.store.ratelimit;

import org.jspecify.annotations.NullMarked;
