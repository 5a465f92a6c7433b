package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.chunking.protocol.ChunkRequest;
import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkError;
import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ItemCounts;

/**
 * A worker reduced to what the manager can see of it: at each tick it takes the queued requests, claims each chunk
 * in the ledger and then, as its behaviour says for that chunk and attempt, completes it, fails it, or vanishes with
 * it (a worker killed while it held the chunk).
 */
final class SimulatedWorker implements Consumer<Instant> {

	static final Duration LEASE = Duration.ofSeconds(30);

	enum Outcome {

		SUCCEED, FAIL, VANISH

	}

	private final String id;

	private final ChunkLedger ledger;

	private final RecordingDispatcher dispatcher;

	private final BiFunction<Integer, Integer, Outcome> behaviour;

	/**
	 * @param behaviour outcome for a chunk index and attempt number
	 */
	SimulatedWorker(String id, ChunkLedger ledger, RecordingDispatcher dispatcher,
			BiFunction<Integer, Integer, Outcome> behaviour) {
		this.id = id;
		this.ledger = ledger;
		this.dispatcher = dispatcher;
		this.behaviour = behaviour;
	}

	/** Takes every queued request. */
	@Override
	public void accept(Instant now) {
		while (takeOne(now)) {
		}
	}

	/** Takes one queued request, if there is one. */
	boolean takeOne(Instant now) {
		ChunkRequest request = this.dispatcher.take();
		if (request == null) {
			return false;
		}
		Optional<ChunkClaim> claimed = this.ledger.claim(request.key(), this.id, LEASE, now);
		if (claimed.isPresent()) {
			// else a duplicate request, or a held chunk: acknowledged and dropped, as a real worker does
			handle(request, claimed.get(), now);
		}
		return true;
	}

	private void handle(ChunkRequest request, ChunkClaim claim, Instant now) {
		switch (this.behaviour.apply(request.chunkIndex(), claim.attempt())) {
			case SUCCEED -> this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(20, 20, 0),
					"results/" + request.chunkIndex() + "-" + claim.attempt()), now);
			case FAIL -> this.ledger.fail(claim, new ChunkError(IllegalStateException.class.getName(),
					"boom at attempt " + claim.attempt(), this.id, claim.attempt(), now), now);
			case VANISH -> {
				// killed while holding the chunk: its lease is never renewed
			}
		}
	}

}
