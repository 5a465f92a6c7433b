package io.chunking.store.contract;

import io.chunking.store.ChunkLedger;
import io.chunking.store.memory.InMemoryChunkLedger;

class InMemoryChunkLedgerContractTests extends ChunkLedgerContract {

	@Override
	protected ChunkLedger createLedger() {
		return new InMemoryChunkLedger();
	}

}
