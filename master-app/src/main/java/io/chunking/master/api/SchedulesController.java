package io.chunking.master.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.chunking.master.schedule.Schedule;
import io.chunking.master.schedule.ScheduleCatalog;
import io.chunking.store.ScheduleState;
import io.chunking.store.ScheduleStore;

/**
 * Cron schedules with their next fire times, paused and resumed by operators.
 */
@RestController
@RequestMapping("/api/schedules")
class SchedulesController {

	private final ScheduleCatalog catalog;

	private final ScheduleStore store;

	SchedulesController(ScheduleCatalog catalog, ScheduleStore store) {
		this.catalog = catalog;
		this.store = store;
	}

	record ScheduleView(String name, String job, String cron, String zone, Map<String, String> parameters,
			String misfirePolicy, String source, boolean paused, @Nullable Instant nextFireTime,
			@Nullable Instant lastFireTime, @Nullable Long lastExecutionId) {
	}

	@GetMapping
	List<ScheduleView> schedules() {
		Instant now = Instant.now();
		return this.catalog.schedules().stream().map((schedule) -> view(schedule, now)).toList();
	}

	@GetMapping("/{name}")
	ScheduleView schedule(@PathVariable String name) {
		return view(this.catalog.schedule(name), Instant.now());
	}

	/** Pauses a schedule on every master: no fire time starts an execution until it is resumed. */
	@PostMapping("/{name}/pause")
	ScheduleView pause(@PathVariable String name) {
		Schedule schedule = this.catalog.schedule(name);
		this.store.ensure(name, Instant.now());
		this.store.pause(name);
		return view(schedule, Instant.now());
	}

	/** Resumes a paused schedule from now on; fire times that passed while it was paused are not caught up. */
	@PostMapping("/{name}/resume")
	ScheduleView resume(@PathVariable String name) {
		Schedule schedule = this.catalog.schedule(name);
		Instant now = Instant.now();
		this.store.ensure(name, now);
		this.store.resume(name, now);
		return view(schedule, now);
	}

	private ScheduleView view(Schedule schedule, Instant now) {
		ScheduleState state = this.store.ensure(schedule.name(), now);
		Instant from = state.handledUntil().isAfter(now) ? state.handledUntil() : now;
		return new ScheduleView(schedule.name(), schedule.job(), schedule.cron(), schedule.zone().getId(),
				schedule.parameters(), schedule.misfirePolicy().name(), schedule.source(), state.paused(),
				state.paused() ? null : schedule.nextFireTime(from), state.lastFireTime(), state.lastExecutionId());
	}

}
