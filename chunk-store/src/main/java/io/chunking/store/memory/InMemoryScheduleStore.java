package io.chunking.store.memory;

import static io.chunking.store.memory.Millis.millis;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.chunking.store.Firing;
import io.chunking.store.ScheduleState;
import io.chunking.store.ScheduleStore;

/**
 * {@link ScheduleStore} held in memory, for fast tests of the scheduler. Every compare-and-set checks what the
 * filter of {@link io.chunking.store.mongo.MongoScheduleStore} checks, under one lock, and counts as applied only
 * when it changed something, as MongoDB's modified count does. Times are kept to the millisecond, as MongoDB keeps
 * them.
 */
public class InMemoryScheduleStore implements ScheduleStore {

	private final Map<String, Schedule> schedules = new HashMap<>();

	@Override
	public synchronized ScheduleState ensure(String name, Instant now) {
		return this.schedules.computeIfAbsent(name, (key) -> new Schedule(key, millis(now))).toState();
	}

	@Override
	public synchronized Optional<ScheduleState> find(String name) {
		return Optional.ofNullable(this.schedules.get(name)).map(Schedule::toState);
	}

	@Override
	public synchronized boolean take(ScheduleState state, Instant fireTime, boolean launch, String masterId,
			Instant deadline) {
		Schedule schedule = this.schedules.get(state.name());
		if (schedule == null || schedule.paused || !schedule.handledUntil.equals(millis(state.handledUntil()))) {
			return false;
		}
		Entry entry = schedule.firings.computeIfAbsent(millis(fireTime).toEpochMilli(), (key) -> new Entry());
		entry.fireTime = millis(fireTime);
		entry.previous = millis(state.handledUntil());
		entry.launch = launch;
		entry.takenBy = masterId;
		entry.takes++;
		schedule.handledUntil = millis(fireTime);
		if (launch) {
			entry.deadline = millis(deadline);
			schedule.lastFireTime = millis(fireTime);
			schedule.lastFiredBy = masterId;
			schedule.lastExecutionId = null;
		}
		List<Firing> resolved = state.firings().stream().filter((firing) -> !firing.pending()).toList();
		for (Firing old : resolved.subList(0, Math.max(0, resolved.size() - KEPT_FIRINGS + 1))) {
			schedule.firings.remove(old.fireTime().toEpochMilli());
		}
		return true;
	}

	@Override
	public synchronized boolean takeOver(String name, Firing firing, String masterId, Instant deadline) {
		Entry entry = pendingWithDeadline(name, firing);
		if (entry == null || (masterId.equals(entry.takenBy) && millis(deadline).equals(entry.deadline))) {
			return false;
		}
		entry.takenBy = masterId;
		entry.deadline = millis(deadline);
		return true;
	}

	@Override
	public synchronized boolean abandon(String name, Firing firing) {
		Entry entry = pendingWithDeadline(name, firing);
		if (entry == null || entry.abandoned) {
			return false;
		}
		entry.abandoned = true;
		return true;
	}

	private Entry pendingWithDeadline(String name, Firing firing) {
		Entry entry = entry(name, firing.fireTime());
		return (entry != null && Objects.equals(entry.deadline, millis(firing.deadline())) && entry.executionId == null)
				? entry : null;
	}

	@Override
	public synchronized void launching(String name, Instant fireTime, String masterId) {
		Entry entry = entry(name, fireTime);
		if (entry != null) {
			entry.launches++;
			entry.launchedBy = masterId;
		}
	}

	@Override
	public synchronized void recordExecution(String name, Instant fireTime, long executionId) {
		Entry entry = entry(name, fireTime);
		if (entry != null) {
			entry.executionId = executionId;
		}
		Schedule schedule = this.schedules.get(name);
		if (schedule != null && millis(fireTime).equals(schedule.lastFireTime)) {
			schedule.lastExecutionId = executionId;
		}
	}

	@Override
	public synchronized void pause(String name) {
		Schedule schedule = this.schedules.get(name);
		if (schedule != null) {
			schedule.paused = true;
		}
	}

	@Override
	public synchronized void resume(String name, Instant now) {
		Schedule schedule = this.schedules.get(name);
		if (schedule != null && schedule.paused) {
			schedule.paused = false;
			schedule.handledUntil = millis(now);
		}
	}

	/** A fire time's entry; {@code null} if the schedule or the entry does not exist. */
	private Entry entry(String name, Instant fireTime) {
		Schedule schedule = this.schedules.get(name);
		return (schedule != null) ? schedule.firings.get(fireTime.toEpochMilli()) : null;
	}

	/** One schedule's state, mutated only under the store's lock. */
	private static final class Schedule {

		final String name;

		boolean paused;

		Instant handledUntil;

		Instant lastFireTime;

		Long lastExecutionId;

		String lastFiredBy;

		final Map<Long, Entry> firings = new TreeMap<>();

		Schedule(String name, Instant handledUntil) {
			this.name = name;
			this.handledUntil = handledUntil;
		}

		ScheduleState toState() {
			return new ScheduleState(this.name, this.paused, this.handledUntil, this.lastFireTime,
					this.lastExecutionId, this.lastFiredBy, this.firings.values().stream().map(Entry::toFiring).toList());
		}

	}

	/** One fire time taken, as the Mongo document's {@code firings.<epoch millis>} entry holds it. */
	private static final class Entry {

		Instant fireTime;

		Instant previous;

		boolean launch;

		String takenBy;

		Instant deadline;

		int takes;

		int launches;

		String launchedBy;

		Long executionId;

		boolean abandoned;

		Firing toFiring() {
			return new Firing(this.fireTime, this.previous, this.launch, this.takenBy, this.deadline, this.takes,
					this.launches, this.executionId, this.abandoned);
		}

	}

}
