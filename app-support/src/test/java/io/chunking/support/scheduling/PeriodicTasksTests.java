package io.chunking.support.scheduling;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeriodicTasksTests {

	private final PeriodicTasks tasks = new PeriodicTasks("test", 2);

	@AfterEach
	void close() {
		this.tasks.close();
	}

	@Test
	void aTaskThatThrowsRunsAgainAtItsNextPeriod() throws Exception {
		CountDownLatch runs = new CountDownLatch(3);
		this.tasks.withFixedDelay("failing", Duration.ZERO, Duration.ofMillis(10), () -> {
			runs.countDown();
			throw new IllegalStateException("store unreachable");
		});
		assertThat(runs.await(5, TimeUnit.SECONDS)).as("runs after the first failure").isTrue();
	}

	@Test
	void cancelLetsTheRunInProgressFinishAndNothingRunsAfterIt() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger finished = new AtomicInteger();
		AtomicInteger runs = new AtomicInteger();
		PeriodicTask task = this.tasks.withFixedDelay("slow", Duration.ZERO, Duration.ofMillis(5), () -> {
			runs.incrementAndGet();
			started.countDown();
			sleep(300);
			finished.incrementAndGet();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(task.cancel(Duration.ofSeconds(5))).as("run finished within the wait").isTrue();
		assertThat(finished.get()).as("the run in progress was not interrupted").isEqualTo(runs.get());
		int after = runs.get();
		sleep(100);
		assertThat(runs.get()).as("runs after cancel").isEqualTo(after);
	}

	@Test
	void cancelReportsARunThatOutlastsTheWait() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		PeriodicTask task = this.tasks.withFixedDelay("stuck", Duration.ZERO, Duration.ofMillis(5), () -> {
			started.countDown();
			sleep(1000);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(task.cancel(Duration.ofMillis(50))).isFalse();
		assertThat(task.isCancelled()).isTrue();
	}

	@Test
	void aTaskCanCancelItselfFromItsOwnRun() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		PeriodicTask[] self = new PeriodicTask[1];
		CountDownLatch scheduled = new CountDownLatch(1);
		self[0] = this.tasks.atFixedRate("self", Duration.ofMillis(20), Duration.ofMillis(5), () -> {
			await(scheduled);
			runs.incrementAndGet();
			self[0].cancel();
		});
		scheduled.countDown();
		sleep(200);
		assertThat(runs.get()).isEqualTo(1);
	}

	@Test
	void aVariableDelayIsAskedForAfterEachRun() throws Exception {
		AtomicInteger delaysAsked = new AtomicInteger();
		CountDownLatch runs = new CountDownLatch(4);
		this.tasks.withVariableDelay("cron", Duration.ZERO, () -> {
			delaysAsked.incrementAndGet();
			return Duration.ofMillis(10);
		}, runs::countDown);
		assertThat(runs.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(delaysAsked.get()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void closeStopsEveryTask() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		this.tasks.withFixedDelay("a", Duration.ZERO, Duration.ofMillis(5), runs::incrementAndGet);
		this.tasks.withVariableDelay("b", Duration.ZERO, () -> Duration.ofMillis(5), runs::incrementAndGet);
		sleep(50);
		this.tasks.close();
		int after = runs.get();
		sleep(100);
		assertThat(runs.get()).isEqualTo(after);
	}

	@Test
	void aPeriodMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tasks.withFixedDelay("x", Duration.ZERO, Duration.ZERO, () -> {
			}))
			.withMessage("period must be positive");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
