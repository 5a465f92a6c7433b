package io.chunking.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.chunking.store.ChunkClaim;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkOutcome;
import io.chunking.store.ItemCounts;
import io.chunking.store.NewChunk;
import io.chunking.store.memory.InMemoryChunkLedger;

/**
 * The API's item counts of a running execution: read once per window however often they are asked for, answered
 * while a background read replaces them once the window has passed, and read by the caller once no one asked for
 * three windows.
 */
class RunningItemCountsTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private static final long WINDOW = RunningItemCounts.MIN_WINDOW.toNanos();

	private final InMemoryChunkLedger ledger = new InMemoryChunkLedger();

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final QueuedTasks refresher = new QueuedTasks();

	private final RunningItemCounts counts = new RunningItemCounts(this.ledger, this.nanos::get, this.refresher);

	@Test
	void countsAreReadOncePerWindowAndRefreshedInTheBackground() {
		this.ledger.record(List.of(chunk(0), chunk(1), chunk(2)), null);
		complete(0);
		assertThat(this.counts.get(1)).isEqualTo(new ItemCounts(20, 20, 0));

		complete(1);
		this.nanos.addAndGet(WINDOW / 2);
		assertThat(this.counts.get(1)).as("within the window: the counts read before").isEqualTo(new ItemCounts(20, 20, 0));
		assertThat(this.refresher.tasks).isEmpty();

		this.nanos.addAndGet(WINDOW);
		assertThat(this.counts.get(1)).as("past the window: answered at once, read again behind")
			.isEqualTo(new ItemCounts(20, 20, 0));
		assertThat(this.counts.get(1)).isEqualTo(new ItemCounts(20, 20, 0));
		assertThat(this.refresher.tasks).as("one background read, however many asked").hasSize(1);
		this.refresher.runAll();
		assertThat(this.counts.get(1)).isEqualTo(new ItemCounts(40, 40, 0));
	}

	@Test
	void countsNoOneAskedForDuringThreeWindowsAreReadByTheCaller() {
		this.ledger.record(List.of(chunk(0), chunk(1)), null);
		assertThat(this.counts.get(1)).isEqualTo(ItemCounts.ZERO);
		complete(0);
		complete(1);
		this.nanos.addAndGet(3 * WINDOW);
		assertThat(this.counts.get(1)).isEqualTo(new ItemCounts(40, 40, 0));
		assertThat(this.refresher.tasks).isEmpty();
	}

	@Test
	void instancesAreCountedApart() {
		this.ledger.record(List.of(chunk(0)), null);
		this.ledger.record(List.of(new NewChunk(new ChunkKey(2, 0), "job", 2, 20, "payloads/2/0")), null);
		complete(0);
		assertThat(this.counts.get(1)).isEqualTo(new ItemCounts(20, 20, 0));
		assertThat(this.counts.get(2)).isEqualTo(ItemCounts.ZERO);
	}

	private static NewChunk chunk(int index) {
		return new NewChunk(new ChunkKey(1, index), "job", 1, 20, "payloads/1/" + index);
	}

	private void complete(int index) {
		ChunkClaim claim = this.ledger.claim(new ChunkKey(1, index), "worker-1", Duration.ofMinutes(1), NOW)
			.orElseThrow();
		this.ledger.complete(claim, new ChunkOutcome(new ItemCounts(20, 20, 0), "results/" + index), NOW);
	}

	/** Runs the background reads when the test says so. */
	private static final class QueuedTasks extends AbstractExecutorService {

		final List<Runnable> tasks = new ArrayList<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		void runAll() {
			List<Runnable> queued = new ArrayList<>(this.tasks);
			this.tasks.clear();
			queued.forEach(Runnable::run);
		}

		@Override
		public void shutdown() {
		}

		@Override
		public List<Runnable> shutdownNow() {
			return List.of();
		}

		@Override
		public boolean isShutdown() {
			return false;
		}

		@Override
		public boolean isTerminated() {
			return false;
		}

		@Override
		public boolean awaitTermination(long timeout, TimeUnit unit) {
			return true;
		}

	}

}
