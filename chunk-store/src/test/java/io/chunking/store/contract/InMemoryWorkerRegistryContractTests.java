package io.chunking.store.contract;

import io.chunking.store.WorkerRegistry;
import io.chunking.store.memory.InMemoryWorkerRegistry;

class InMemoryWorkerRegistryContractTests extends WorkerRegistryContract {

	@Override
	protected WorkerRegistry createRegistry() {
		return new InMemoryWorkerRegistry();
	}

}
