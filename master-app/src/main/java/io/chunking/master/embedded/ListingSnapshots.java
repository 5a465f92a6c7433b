package io.chunking.master.embedded;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The most recent listing snapshots, a few at a time, each valid until any write to its container or until it is
 * older than the time to live, whichever comes first. A write invalidates by advancing its container's generation:
 * a snapshot read while a write was in progress carries the generation from before the read and is not kept.
 */
final class ListingSnapshots {

	private final int capacity;

	private final Duration timeToLive;

	private final InstantSource clock;

	private final Map<ListingKey, Kept> kept;

	private final Map<String, Long> generations = new HashMap<>();

	/**
	 * @param capacity how many listings are kept at once; the least recently used one goes first
	 * @param timeToLive how long after it was taken a snapshot is served
	 * @param clock the time snapshots are dated by
	 */
	ListingSnapshots(int capacity, Duration timeToLive, InstantSource clock) {
		Assert.isTrue(capacity > 0, "capacity must be greater than zero");
		Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(), "timeToLive must be positive");
		Assert.notNull(clock, "clock must not be null");
		this.capacity = capacity;
		this.timeToLive = timeToLive;
		this.clock = clock;
		this.kept = new LinkedHashMap<>(capacity + 1, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<ListingKey, Kept> eldest) {
				return size() > ListingSnapshots.this.capacity;
			}

		};
	}

	/** The container's generation, to hand back to {@link #keep} with a snapshot read after this call. */
	synchronized long generation(String container) {
		return this.generations.getOrDefault(container, 0L);
	}

	/** The snapshot of the listing if one is kept and younger than the time to live, else null. */
	synchronized @Nullable ListingSnapshot find(ListingKey listing) {
		Kept found = this.kept.get(listing);
		if (found == null) {
			return null;
		}
		if (!this.clock.instant().isBefore(found.taken().plus(this.timeToLive))) {
			this.kept.remove(listing);
			return null;
		}
		return found.snapshot();
	}

	/**
	 * Keeps the snapshot unless its container was written since {@code generation} was read; true when kept.
	 */
	synchronized boolean keep(ListingKey listing, long generation, ListingSnapshot snapshot) {
		if (generation != generation(listing.container())) {
			return false;
		}
		this.kept.put(listing, new Kept(snapshot, this.clock.instant()));
		return true;
	}

	/** Forgets every snapshot of the container, and any being read now. */
	synchronized void invalidate(String container) {
		this.generations.merge(container, 1L, Long::sum);
		this.kept.keySet().removeIf((listing) -> listing.container().equals(container));
	}

	private record Kept(ListingSnapshot snapshot, Instant taken) {
	}

}
