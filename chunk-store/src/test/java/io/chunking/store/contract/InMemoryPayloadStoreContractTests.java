package io.chunking.store.contract;

import io.chunking.store.PayloadStore;
import io.chunking.store.memory.InMemoryPayloadStore;

class InMemoryPayloadStoreContractTests extends PayloadStoreContract {

	@Override
	protected PayloadStore createStore() {
		return new InMemoryPayloadStore();
	}

	@Override
	protected String bucket() {
		return InMemoryPayloadStore.BUCKET;
	}

}
