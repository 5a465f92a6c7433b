package io.chunking.store.contract;

import io.chunking.store.ScheduleStore;
import io.chunking.store.memory.InMemoryScheduleStore;

class InMemoryScheduleStoreContractTests extends ScheduleStoreContract {

	@Override
	protected ScheduleStore createStore() {
		return new InMemoryScheduleStore();
	}

}
