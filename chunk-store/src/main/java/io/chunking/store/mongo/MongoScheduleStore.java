package io.chunking.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.chunking.store.Firing;
import io.chunking.store.ScheduleState;
import io.chunking.store.ScheduleStore;

/**
 * {@link ScheduleStore} on a MongoDB collection, one document per schedule keyed by its name. Taking a fire time is
 * one {@code updateOne} whose filter states the expected {@code handledUntil}; the same atomic update records the
 * {@link Firing} under {@code firings.<epoch millis>}.
 */
public class MongoScheduleStore implements ScheduleStore {

	/** The collection the auto-configuration uses unless {@code chunking.scheduler.collection} names another. */
	public static final String DEFAULT_COLLECTION = "chunking_schedules";


	private static final String PAUSED = "paused";

	private static final String HANDLED_UNTIL = "handledUntil";

	private static final String LAST_FIRE_TIME = "lastFireTime";

	private static final String LAST_EXECUTION = "lastExecutionId";

	private static final String LAST_FIRED_BY = "lastFiredBy";

	private static final String FIRINGS = "firings";

	private final MongoCollection<Document> schedules;

	public MongoScheduleStore(MongoCollection<Document> schedules) {
		this.schedules = schedules;
	}

	@Override
	public ScheduleState ensure(String name, Instant now) {
		Optional<ScheduleState> existing = find(name);
		if (existing.isPresent()) {
			return existing.get();
		}
		MongoCalls.run("Creating the state of schedule '" + name + "'", () -> {
			try {
				this.schedules.updateOne(eq("_id", name),
						Updates.combine(Updates.setOnInsert(PAUSED, false),
								Updates.setOnInsert(HANDLED_UNTIL, date(now)),
								Updates.setOnInsert("createdAt", date(now))),
						new UpdateOptions().upsert(true));
			}
			catch (MongoWriteException ex) {
				// Another master created it at the same moment.
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
			}
		});
		return find(name).orElseThrow();
	}

	@Override
	public Optional<ScheduleState> find(String name) {
		Document document = MongoCalls.call("Reading the state of schedule '" + name + "'",
				() -> this.schedules.find(eq("_id", name)).first());
		if (document == null) {
			return Optional.empty();
		}
		Date lastFire = document.getDate(LAST_FIRE_TIME);
		Object execution = document.get(LAST_EXECUTION);
		return Optional.of(new ScheduleState(name, document.getBoolean(PAUSED, false),
				document.getDate(HANDLED_UNTIL).toInstant(), (lastFire != null) ? lastFire.toInstant() : null,
				(execution != null) ? ((Number) execution).longValue() : null, document.getString(LAST_FIRED_BY),
				firings(document.get(FIRINGS, Document.class))));
	}

	@Override
	public boolean take(ScheduleState state, Instant fireTime, boolean launch, String masterId, Instant deadline) {
		Bson filter = and(eq("_id", state.name()), eq(PAUSED, false), eq(HANDLED_UNTIL, date(state.handledUntil())));
		String entry = entry(fireTime);
		List<Bson> updates = new ArrayList<>(List.of(Updates.set(HANDLED_UNTIL, date(fireTime)),
				Updates.set(entry + ".fireTime", date(fireTime)),
				Updates.set(entry + ".previous", date(state.handledUntil())), Updates.set(entry + ".launch", launch),
				Updates.set(entry + ".takenBy", masterId), Updates.inc(entry + ".takes", 1)));
		if (launch) {
			updates.addAll(List.of(Updates.set(entry + ".deadline", date(deadline)),
					Updates.set(LAST_FIRE_TIME, date(fireTime)), Updates.set(LAST_FIRED_BY, masterId),
					Updates.unset(LAST_EXECUTION)));
		}
		List<Firing> resolved = state.firings().stream().filter((firing) -> !firing.pending()).toList();
		for (Firing old : resolved.subList(0, Math.max(0, resolved.size() - KEPT_FIRINGS + 1))) {
			updates.add(Updates.unset(entry(old.fireTime())));
		}
		return MongoCalls.call("Taking fire time " + fireTime + " of schedule '" + state.name() + "'",
				() -> this.schedules.updateOne(filter, Updates.combine(updates)).getModifiedCount()) == 1;
	}

	@Override
	public boolean takeOver(String name, Firing firing, String masterId, Instant deadline) {
		String entry = entry(firing.fireTime());
		return MongoCalls.call("Taking over fire time " + firing.fireTime() + " of schedule '" + name + "'",
				() -> this.schedules
					.updateOne(pendingWithDeadline(name, firing),
							Updates.combine(Updates.set(entry + ".takenBy", masterId),
									Updates.set(entry + ".deadline", date(deadline))))
					.getModifiedCount()) == 1;
	}

	@Override
	public boolean abandon(String name, Firing firing) {
		return MongoCalls.call("Abandoning fire time " + firing.fireTime() + " of schedule '" + name + "'",
				() -> this.schedules
					.updateOne(pendingWithDeadline(name, firing),
							Updates.set(entry(firing.fireTime()) + ".abandoned", true))
					.getModifiedCount()) == 1;
	}

	private static Bson pendingWithDeadline(String name, Firing firing) {
		String entry = entry(firing.fireTime());
		return and(eq("_id", name), eq(entry + ".deadline", date(firing.deadline())),
				exists(entry + ".executionId", false));
	}

	@Override
	public void launching(String name, Instant fireTime, String masterId) {
		String entry = entry(fireTime);
		MongoCalls.run("Counting a launch of fire time " + fireTime + " of schedule '" + name + "'",
				() -> this.schedules.updateOne(eq("_id", name), Updates.combine(Updates.inc(entry + ".launches", 1),
						Updates.set(entry + ".launchedBy", masterId))));
	}

	@Override
	public void recordExecution(String name, Instant fireTime, long executionId) {
		MongoCalls.run("Recording execution " + executionId + " of schedule '" + name + "'", () -> {
			this.schedules.updateOne(eq("_id", name), Updates.set(entry(fireTime) + ".executionId", executionId));
			this.schedules.updateOne(and(eq("_id", name), eq(LAST_FIRE_TIME, date(fireTime))),
					Updates.set(LAST_EXECUTION, executionId));
		});
	}

	@Override
	public void pause(String name) {
		MongoCalls.run("Pausing schedule '" + name + "'",
				() -> this.schedules.updateOne(eq("_id", name), Updates.set(PAUSED, true)));
	}

	@Override
	public void resume(String name, Instant now) {
		MongoCalls.run("Resuming schedule '" + name + "'",
				() -> this.schedules.updateOne(and(eq("_id", name), eq(PAUSED, true)),
						Updates.combine(Updates.set(PAUSED, false), Updates.set(HANDLED_UNTIL, date(now)))));
	}

	/** Field of a fire time's entry: keyed by epoch milliseconds, as field names must not contain dots. */
	private static String entry(Instant fireTime) {
		return FIRINGS + "." + fireTime.toEpochMilli();
	}

	private static List<Firing> firings(Document firings) {
		List<Firing> list = new ArrayList<>();
		if (firings != null) {
			for (Object value : firings.values()) {
				Document entry = (Document) value;
				Date deadline = entry.getDate("deadline");
				Number execution = entry.get("executionId", Number.class);
				list.add(new Firing(entry.getDate("fireTime").toInstant(), entry.getDate("previous").toInstant(),
						entry.getBoolean("launch", false), entry.getString("takenBy"),
						(deadline != null) ? deadline.toInstant() : null, count(entry, "takes"), count(entry, "launches"),
						(execution != null) ? execution.longValue() : null, entry.getBoolean("abandoned", false)));
			}
		}
		list.sort(Comparator.comparing(Firing::fireTime));
		return list;
	}

	private static int count(Document entry, String field) {
		Number count = entry.get(field, Number.class);
		return (count != null) ? count.intValue() : 0;
	}

	private static Date date(Instant instant) {
		return Date.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

}
