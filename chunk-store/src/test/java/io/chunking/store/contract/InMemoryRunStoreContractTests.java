package io.chunking.store.contract;

import io.chunking.store.RunStore;
import io.chunking.store.memory.InMemoryRunStore;

class InMemoryRunStoreContractTests extends RunStoreContract {

	@Override
	protected RunStore createStore() {
		return new InMemoryRunStore();
	}

}
