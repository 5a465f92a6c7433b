package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * When {@link ListingSnapshots} serves a kept listing: until it is as old as the time to live, until a write to its
 * container, and not when a write happened while it was being read.
 */
class ListingSnapshotsTests {

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

	private static final ListingKey RESULTS = new ListingKey("runs", "results/", null);

	private Instant now = Instant.parse("2026-12-08T00:00:00Z");

	private final ListingSnapshots snapshots = new ListingSnapshots(4, TIME_TO_LIVE, () -> this.now);

	private final ListingSnapshot snapshot = snapshotOf("results/a", "results/b");

	@Test
	void aKeptListingIsServedUntilItIsAsOldAsTheTimeToLive() {
		keep(RESULTS);

		this.now = this.now.plus(TIME_TO_LIVE.minusMillis(1));
		assertThat(this.snapshots.find(RESULTS)).isSameAs(this.snapshot);

		this.now = this.now.plusMillis(1);
		assertThat(this.snapshots.find(RESULTS)).isNull();
	}

	@Test
	void aWriteToTheContainerDropsItsListingsOnly() {
		ListingKey delimited = new ListingKey("runs", "results/", "/");
		ListingKey otherContainer = new ListingKey("inputs", "results/", null);
		keep(RESULTS);
		keep(delimited);
		keep(otherContainer);

		this.snapshots.invalidate("runs");

		assertThat(this.snapshots.find(RESULTS)).isNull();
		assertThat(this.snapshots.find(delimited)).isNull();
		assertThat(this.snapshots.find(otherContainer)).isSameAs(this.snapshot);
	}

	@Test
	void aListingReadWhileTheContainerWasWrittenIsNotKept() {
		long before = this.snapshots.generation("runs");

		this.snapshots.invalidate("runs");

		assertThat(this.snapshots.keep(RESULTS, before, this.snapshot)).isFalse();
		assertThat(this.snapshots.find(RESULTS)).isNull();
		assertThat(this.snapshots.keep(RESULTS, this.snapshots.generation("runs"), this.snapshot)).isTrue();
		assertThat(this.snapshots.find(RESULTS)).isSameAs(this.snapshot);
	}

	@Test
	void aWriteToAnotherContainerKeepsTheListingReadMeanwhile() {
		long before = this.snapshots.generation("runs");

		this.snapshots.invalidate("inputs");

		assertThat(this.snapshots.keep(RESULTS, before, this.snapshot)).isTrue();
	}

	@Test
	void theLeastRecentlyUsedListingGoesWhenMoreThanTheCapacityAreKept() {
		List<ListingKey> listings = List.of(RESULTS, new ListingKey("runs", "b/", null),
				new ListingKey("runs", "c/", null), new ListingKey("runs", "d/", null));
		listings.forEach(this::keep);
		assertThat(this.snapshots.find(RESULTS)).isNotNull();

		keep(new ListingKey("runs", "e/", null));

		assertThat(this.snapshots.find(RESULTS)).isNotNull();
		assertThat(this.snapshots.find(listings.get(1))).isNull();
		assertThat(this.snapshots.find(listings.get(2))).isNotNull();
	}

	@Test
	void theTimeToLiveMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ListingSnapshots(4, Duration.ZERO, () -> this.now))
			.withMessage("timeToLive must be positive");
	}

	private void keep(ListingKey listing) {
		assertThat(this.snapshots.keep(listing, this.snapshots.generation(listing.container()), this.snapshot))
			.isTrue();
	}

	private static ListingSnapshot snapshotOf(String... keys) {
		return ListingSnapshot.of(ListObjectsV2Response.builder()
			.contents(List.of(keys).stream().map((key) -> S3Object.builder().key(key).build()).toList())
			.build());
	}

}
