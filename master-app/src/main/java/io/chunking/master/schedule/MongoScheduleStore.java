package io.chunking.master.schedule;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Schedule state in MongoDB, one document per schedule. Taking a fire time is a compare-and-set on
 * {@code handledUntil}: of several masters that see the same fire time due, exactly one moves it forward and
 * starts the execution; the others find it moved and start nothing.
 */
public class MongoScheduleStore {

	private static final String PAUSED = "paused";

	private static final String HANDLED_UNTIL = "handledUntil";

	private static final String LAST_FIRE_TIME = "lastFireTime";

	private static final String LAST_EXECUTION = "lastExecutionId";

	private static final String LAST_FIRED_BY = "lastFiredBy";

	private final MongoCollection<Document> schedules;

	public MongoScheduleStore(MongoCollection<Document> schedules) {
		this.schedules = schedules;
	}

	/**
	 * The schedule's state, created if it has none: not paused, fire times before {@code now} handled. The
	 * scheduler calls this every poll, so an existing state is only read.
	 */
	public ScheduleState ensure(String name, Instant now) {
		Optional<ScheduleState> existing = find(name);
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			this.schedules.updateOne(eq("_id", name),
					Updates.combine(Updates.setOnInsert(PAUSED, false),
							Updates.setOnInsert(HANDLED_UNTIL, date(now)), Updates.setOnInsert("createdAt", date(now))),
					new UpdateOptions().upsert(true));
		}
		catch (MongoWriteException ex) {
			// Another master created it at the same moment.
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		return find(name).orElseThrow();
	}

	public Optional<ScheduleState> find(String name) {
		Document document = this.schedules.find(eq("_id", name)).first();
		if (document == null) {
			return Optional.empty();
		}
		Date lastFire = document.getDate(LAST_FIRE_TIME);
		Object execution = document.get(LAST_EXECUTION);
		return Optional.of(new ScheduleState(name, document.getBoolean(PAUSED, false),
				document.getDate(HANDLED_UNTIL).toInstant(), (lastFire != null) ? lastFire.toInstant() : null,
				(execution != null) ? ((Number) execution).longValue() : null, document.getString(LAST_FIRED_BY)));
	}

	/**
	 * Takes {@code fireTime} if the schedule is not paused and its fire times are still handled until
	 * {@code handledUntil} only.
	 * @param launched whether an execution will be started for it (false: skipped as a misfire)
	 * @return whether this call took it
	 */
	public boolean take(String name, Instant handledUntil, Instant fireTime, boolean launched, String masterId) {
		Bson filter = and(eq("_id", name), eq(PAUSED, false), eq(HANDLED_UNTIL, date(handledUntil)));
		Bson update = launched
				? Updates.combine(Updates.set(HANDLED_UNTIL, date(fireTime)), Updates.set(LAST_FIRE_TIME, date(fireTime)),
						Updates.set(LAST_FIRED_BY, masterId), Updates.unset(LAST_EXECUTION))
				: Updates.set(HANDLED_UNTIL, date(fireTime));
		return this.schedules.updateOne(filter, update).getModifiedCount() == 1;
	}

	/** Records the execution started for the schedule's last fire time. */
	public void recordExecution(String name, Instant fireTime, long executionId) {
		this.schedules.updateOne(and(eq("_id", name), eq(LAST_FIRE_TIME, date(fireTime))),
				Updates.set(LAST_EXECUTION, executionId));
	}

	public void pause(String name) {
		this.schedules.updateOne(eq("_id", name), Updates.set(PAUSED, true));
	}

	/** Resumes a schedule from {@code now}: fire times that passed while it was paused are not caught up. */
	public void resume(String name, Instant now) {
		this.schedules.updateOne(and(eq("_id", name), eq(PAUSED, true)),
				Updates.combine(Updates.set(PAUSED, false), Updates.set(HANDLED_UNTIL, date(now))));
	}

	private static Date date(Instant instant) {
		return Date.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

}
