package io.chunking.store.contract;

import io.chunking.store.memory.InMemoryRateLimitStore;
import io.chunking.store.ratelimit.RateLimitStore;

class InMemoryRateLimitStoreContractTests extends RateLimitStoreContract {

	private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();

	@Override
	protected RateLimitStore connect() {
		return this.store;
	}

}
