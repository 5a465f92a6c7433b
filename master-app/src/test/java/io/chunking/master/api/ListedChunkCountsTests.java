package io.chunking.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.memory.InMemoryChunkLedger;

/**
 * The chunk counts of listed executions: read once per second for a running execution and once per 30 s for an
 * ended one however often a page lists them, and read afresh for an execution that ended since its last read.
 */
class ListedChunkCountsTests {

	private static final Instant NOW = Instant.parse("2026-12-08T02:00:00Z");

	private static final long INSTANCE = 1;

	private final InMemoryChunkLedger real = new InMemoryChunkLedger();

	private final CountingChunkLedger ledger = new CountingChunkLedger(this.real);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ListedChunkCounts counts = new ListedChunkCounts(this.ledger.ledger(), this.nanos::get);

	@Test
	void theCountsOfARunningExecutionAreReadOncePerSecondHoweverOftenTheyAreListed() {
		this.real.record(chunks(INSTANCE, 4), null);
		complete(INSTANCE, 0);
		for (int poll = 0; poll < 5; poll++) {
			assertThat(this.counts.get(INSTANCE, true).get(ChunkStatus.SUCCEEDED)).isEqualTo(1);
		}
		complete(INSTANCE, 1);
		this.nanos.addAndGet(ListedChunkCounts.RUNNING_TTL.toNanos() - 1);
		assertThat(this.counts.get(INSTANCE, true).get(ChunkStatus.SUCCEEDED)).as("within the second").isEqualTo(1);
		assertThat(this.ledger.calls("count")).isEqualTo(1);

		this.nanos.addAndGet(1);
		assertThat(this.counts.get(INSTANCE, true).get(ChunkStatus.SUCCEEDED)).as("a second later").isEqualTo(2);
		assertThat(this.ledger.calls("count")).isEqualTo(2);
	}

	@Test
	void anExecutionThatEndedIsListedWithItsFinalCountsAtOnce() {
		this.real.record(chunks(INSTANCE, 2), null);
		complete(INSTANCE, 0);
		assertThat(this.counts.get(INSTANCE, true).terminal()).isEqualTo(1);

		complete(INSTANCE, 1);
		assertThat(this.counts.get(INSTANCE, false).terminal()).as("listed as ended within the second")
			.isEqualTo(2);
		assertThat(this.counts.get(INSTANCE, false).total()).isEqualTo(2);
	}

	@Test
	void theCountsOfAnEndedExecutionAreReadOncePer30Seconds() {
		this.real.record(chunks(INSTANCE, 3), null);
		this.counts.get(INSTANCE, false);
		this.nanos.addAndGet(ListedChunkCounts.ENDED_TTL.toNanos() - 1);
		this.counts.get(INSTANCE, false);
		assertThat(this.ledger.calls("count")).isEqualTo(1);

		this.nanos.addAndGet(1);
		this.counts.get(INSTANCE, false);
		assertThat(this.ledger.calls("count")).isEqualTo(2);
	}

	@Test
	void instancesAreCountedApart() {
		this.real.record(chunks(INSTANCE, 3), null);
		this.real.record(chunks(2, 5), null);
		complete(2, 4);
		assertThat(this.counts.get(INSTANCE, true).total()).isEqualTo(3);
		assertThat(this.counts.get(INSTANCE, true).get(ChunkStatus.SUCCEEDED)).isZero();
		assertThat(this.counts.get(2, false).total()).isEqualTo(5);
		assertThat(this.counts.get(2, false).get(ChunkStatus.SUCCEEDED)).isEqualTo(1);
	}

	private static List<NewChunk> chunks(long instance, int count) {
		return IntStream.range(0, count)
			.mapToObj((index) -> new NewChunk(new ChunkKey(instance, index), "job", 1, 20,
					"payloads/" + instance + "/" + index))
			.toList();
	}

	private void complete(long instance, int index) {
		ChunkClaim claim = this.real.claim(new ChunkKey(instance, index), "worker-1", Duration.ofMinutes(1), NOW)
			.orElseThrow();
		this.real.complete(claim, new ChunkOutcome(new ItemCounts(20, 20, 0), "results/" + index), NOW);
	}

}
