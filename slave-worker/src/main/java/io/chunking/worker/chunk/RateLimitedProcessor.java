package io.chunking.worker.chunk;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.RateLimiter;

/**
 * A job's processor behind its rate limit: each item takes one permit before it is processed, waiting at most the
 * limit's maximum wait, or fails with {@link io.chunking.job.RateLimitTimeoutException}. Thread-safe when the
 * processor is.
 *
 * @param <I> item type
 * @param <O> output type
 */
final class RateLimitedProcessor<I, O> implements ItemProcessor<I, O> {

	private final RateLimiter limiter;

	private final ItemProcessor<? super I, ? extends O> processor;

	RateLimitedProcessor(RateLimiter limiter, ItemProcessor<? super I, ? extends O> processor) {
		this.limiter = limiter;
		this.processor = processor;
	}

	@Override
	public @Nullable O process(I item) throws Exception {
		this.limiter.acquire();
		return this.processor.process(item);
	}

}
