package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chunking.store.RunRecord;
import io.chunking.store.RunStore;

/**
 * What every {@link RunStore} guarantees. Each backend's test subclasses it and supplies an empty store.
 */
public abstract class RunStoreContract {

	protected static final Duration LEASE = Duration.ofSeconds(30);

	protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	protected RunStore runs;

	/** An initialized store without any run. */
	protected abstract RunStore createStore();

	@BeforeEach
	void createEmptyStore() {
		this.runs = createStore();
	}

	@Test
	void anUnknownRunIsNotFound() {
		assertThat(this.runs.find(1)).isEmpty();
	}

	@Test
	void beginRecordsTheArgumentsOfARunNotYetSliced() {
		this.runs.begin(2, "demo", Map.of("items", "5", "mode", "fast"));

		RunRecord run = this.runs.find(2).orElseThrow();
		assertThat(run.jobInstanceId()).isEqualTo(2);
		assertThat(run.jobName()).isEqualTo("demo");
		assertThat(run.arguments()).containsExactlyInAnyOrderEntriesOf(Map.of("items", "5", "mode", "fast"));
		assertThat(run.sliced()).isFalse();
		assertThat(run.createdAt()).isNotNull();
		assertThat(run.slicedAt()).isNull();
		assertThat(run.ownerId()).isNull();
		assertThat(run.pendingRestartOf()).isNull();
	}

	@Test
	void slicedRecordsTheTotalsAndBeginAgainMarksTheRunUnsliced() {
		this.runs.begin(2, "demo", Map.of("items", "5"));
		this.runs.sliced(2, 3, 25);

		RunRecord run = this.runs.find(2).orElseThrow();
		assertThat(run.sliced()).isTrue();
		assertThat(run.chunkCount()).isEqualTo(3);
		assertThat(run.itemCount()).isEqualTo(25);
		assertThat(run.slicedAt()).isNotNull();

		this.runs.begin(2, "demo", Map.of("items", "6"));
		assertThat(this.runs.find(2).orElseThrow().sliced()).isFalse();
		assertThat(this.runs.find(2).orElseThrow().arguments()).containsExactlyEntriesOf(Map.of("items", "6"));
	}

	@Test
	void slicedOfAnUnknownRunRecordsNothing() {
		this.runs.sliced(9, 3, 25);

		assertThat(this.runs.find(9)).isEmpty();
	}

	@Test
	void beginAndSlicedKeepTheOwner() {
		this.runs.own(2, 20, "master-a", LEASE, T0);
		this.runs.begin(2, "demo", Map.of("items", "5"));
		this.runs.sliced(2, 1, 5);

		RunRecord run = this.runs.find(2).orElseThrow();
		assertThat(run.ownerId()).isEqualTo("master-a");
		assertThat(run.ownerLeaseExpiresAt()).isEqualTo(T0.plus(LEASE));
		assertThat(run.jobExecutionId()).isEqualTo(20);
		assertThat(run.arguments()).containsEntry("items", "5");
		assertThat(run.sliced()).isTrue();
	}

	@Test
	void onlyOneMasterOwnsARunWhileItsLeaseIsLive() {
		assertThat(this.runs.own(1, 10, "master-a", LEASE, T0)).as("a run nobody owns").isTrue();
		assertThat(this.runs.own(1, 10, "master-b", LEASE, T0.plusSeconds(29))).isFalse();
		assertThat(this.runs.own(1, 10, "master-a", LEASE, T0.plusSeconds(29))).as("renewal").isTrue();
		Instant renewedUntil = T0.plusSeconds(29).plus(LEASE);
		assertThat(this.runs.own(1, 11, "master-b", LEASE, renewedUntil)).as("at the end, not after").isFalse();

		Instant expired = renewedUntil.plusMillis(1);
		assertThat(this.runs.own(1, 11, "master-b", LEASE, expired)).as("take-over after expiry").isTrue();
		assertThat(this.runs.own(1, 10, "master-a", LEASE, expired)).as("the lost master's renewal").isFalse();
		RunRecord run = this.runs.find(1).orElseThrow();
		assertThat(run.ownerId()).isEqualTo("master-b");
		assertThat(run.ownerLeaseExpiresAt()).isEqualTo(expired.plus(LEASE));
		assertThat(run.jobExecutionId()).isEqualTo(11);
	}

	@Test
	void pendingRestartIsFoundOnceItsOwnerReleasedTheRunOrItsLeaseExpired() {
		this.runs.own(3, 30, "master-a", LEASE, T0);
		this.runs.own(4, 40, "master-a", LEASE, T0);
		assertThat(this.runs.markRestartPending(3, 30, "master-b")).as("marked by a master that does not own it")
			.isFalse();
		assertThat(this.runs.markRestartPending(3, 31, "master-a")).as("marked for another execution").isFalse();
		assertThat(this.runs.markRestartPending(3, 30, "master-a")).isTrue();
		assertThat(this.runs.markRestartPending(4, 40, "master-a")).isTrue();
		assertThat(this.runs.findPendingRestarts(T0.plusSeconds(1))).as("while the owner's lease is live").isEmpty();

		assertThat(this.runs.release(3, 30, "master-b", T0)).as("released by a master that does not own it").isFalse();
		assertThat(this.runs.release(3, 30, "master-a", T0.plusSeconds(1))).isTrue();
		assertThat(this.runs.findPendingRestarts(T0.plusSeconds(2))).singleElement().satisfies((run) -> {
			assertThat(run.jobInstanceId()).isEqualTo(3);
			assertThat(run.pendingRestartOf()).isEqualTo(30);
			assertThat(run.pendingRestartBy()).isEqualTo("master-a");
		});
		assertThat(this.runs.findPendingRestarts(T0.plus(LEASE).plusSeconds(1))).as("run 4 after its lease expired")
			.extracting(RunRecord::jobInstanceId)
			.containsExactlyInAnyOrder(3L, 4L);

		// Exactly one master takes a released run over: its lease is live again for the others.
		assertThat(this.runs.own(3, 30, "master-b", LEASE, T0.plusSeconds(2))).isTrue();
		assertThat(this.runs.own(3, 30, "master-c", LEASE, T0.plusSeconds(2))).isFalse();
		this.runs.clearPendingRestart(3, 29);
		assertThat(this.runs.find(3).orElseThrow().pendingRestartOf()).as("cleared for another execution")
			.isEqualTo(30);
		this.runs.clearPendingRestart(3, 30);
		assertThat(this.runs.find(3).orElseThrow().pendingRestartOf()).isNull();
		assertThat(this.runs.find(3).orElseThrow().pendingRestartBy()).isNull();
		assertThat(this.runs.findPendingRestarts(T0.plus(LEASE).plus(LEASE))).extracting(RunRecord::jobInstanceId)
			.containsExactly(4L);
	}

}
