package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link ManagerClock} whose time only moves when the supervision sleeps: each sleep advances it by the poll
 * interval and then lets the simulated workers act, so minutes of supervision run in milliseconds.
 */
final class SimulatedClock implements ManagerClock {

	/** More sleeps than any test needs: a supervision that never ends fails the test instead of hanging it. */
	private static final int MAX_SLEEPS = 200_000;

	private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

	private Duration elapsed = Duration.ZERO;

	private int sleeps;

	private final List<Consumer<Instant>> onTick = new ArrayList<>();

	/** Runs {@code action} with the new time after each sleep of the supervision. */
	SimulatedClock onTick(Consumer<Instant> action) {
		this.onTick.add(action);
		return this;
	}

	Duration elapsed() {
		return this.elapsed;
	}

	@Override
	public Instant now() {
		return this.start.plus(this.elapsed);
	}

	@Override
	public long nanos() {
		return this.elapsed.toNanos();
	}

	@Override
	public void sleep(Duration duration) {
		if (++this.sleeps > MAX_SLEEPS) {
			throw new IllegalStateException("The supervision slept " + MAX_SLEEPS + " times without ending");
		}
		this.elapsed = this.elapsed.plus(duration);
		Instant now = now();
		this.onTick.forEach((action) -> action.accept(now));
	}

}
