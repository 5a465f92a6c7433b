package io.chunking.master.embedded;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.chunking.store.ChunkLedger;
import io.chunking.store.contract.ChunkLedgerContract;
import io.chunking.store.mongo.MongoChunkLedger;

/**
 * {@link MongoChunkLedger} on the master's embedded Mongo-wire server ({@link IndexedH2Backend}), held to the same
 * contract as on the stock backend and in memory: its indexes and covered answers ({@link CoveredCount},
 * {@link CoveredGroup}) must not change what the ledger answers.
 */
class EmbeddedChunkLedgerContractIntegrationTests extends ChunkLedgerContract {

	@TempDir
	static Path dataDir;

	private static EmbeddedLedgerServer server;

	@BeforeAll
	static void startServer() {
		IndexedH2BackendIntegrationTests.bindH2ToLoopbackAsTheEmbeddedServerDoes();
		server = new EmbeddedLedgerServer(dataDir);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Override
	protected ChunkLedger createLedger() {
		server.chunks().drop();
		MongoChunkLedger ledger = new MongoChunkLedger(server.chunks());
		ledger.initialize();
		return ledger;
	}

}
