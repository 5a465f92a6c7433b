package io.chunking.store.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import io.chunking.store.StoreException;
import io.chunking.store.StoreUnavailableException;

class StartupWaitTests {

	private final AtomicInteger tries = new AtomicInteger();

	@Test
	void withNoWaitTheFirstFailureEndsTheStartNamingStoreLocationAndSetting() {
		StartupWait startup = new StartupWait(Duration.ZERO, Duration.ofSeconds(2));

		assertThatExceptionOfType(StoreNotReachableException.class)
			.isThrownBy(() -> startup.await("MongoDB", "mongodb://db:27017", "chunking.store.mongo.uri", failing(5)))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).isEqualTo(
						"MongoDB at mongodb://db:27017 could not be reached at start-up: connection refused (try 1)");
				assertThat(ex.getStore()).isEqualTo("MongoDB");
				assertThat(ex.getSetting()).isEqualTo("chunking.store.mongo.uri");
				assertThat(ex.getWaited()).isZero();
				assertThat(ex.getCause()).isInstanceOf(StoreUnavailableException.class);
			});
		assertThat(this.tries).hasValue(1);
	}

	@Test
	void aStoreThatAnswersWithinTheWaitLetsTheStartGoOn() {
		StartupWait startup = new StartupWait(Duration.ofSeconds(5), Duration.ofMillis(20));

		startup.await("S3", "http://s3:9000", "chunking.store.s3.endpoint", failing(3));

		assertThat(this.tries).hasValue(4);
	}

	@Test
	void aStoreStillDownWhenTheWaitIsSpentEndsTheStartAfterSeveralTries() {
		StartupWait startup = new StartupWait(Duration.ofMillis(300), Duration.ofMillis(50));
		long started = System.nanoTime();

		assertThatExceptionOfType(StoreNotReachableException.class)
			.isThrownBy(() -> startup.await("S3", "http://s3:9000", "chunking.store.s3.endpoint", failing(1000)))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith("S3 at http://s3:9000 could not be reached at start-up within ");
				assertThat(ex.getWaited()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
			});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(this.tries.get()).isBetween(3, 7);
	}

	@Test
	void aFailureThatWaitingCannotMendIsThrownAtOnce() {
		StartupWait startup = new StartupWait(Duration.ofMinutes(1), Duration.ofMillis(20));
		StoreException refused = new StoreException("MongoDB", "authentication failed", null);

		assertThatExceptionOfType(StoreException.class).isThrownBy(() -> startup.await("MongoDB", "mongodb://db",
				"chunking.store.mongo.uri", () -> {
					this.tries.incrementAndGet();
					throw refused;
				})).isSameAs(refused);
		assertThat(this.tries).hasValue(1);
	}

	@Test
	void aCheckedFailureThatMayPassIsWaitedForLikeAStoreFailure() {
		StartupWait startup = new StartupWait(Duration.ZERO, Duration.ofSeconds(1));

		assertThatExceptionOfType(StoreNotReachableException.class)
			.isThrownBy(() -> startup.await("the job repository's database", "jdbc:postgresql://db/batch",
					"spring.datasource.url", () -> {
						throw new java.sql.SQLException("Connection refused");
					}, java.sql.SQLException.class::isInstance))
			.withMessage("the job repository's database at jdbc:postgresql://db/batch could not be reached at "
					+ "start-up: Connection refused");
	}

	@Test
	void negativeWaitsAndEmptyIntervalsAreRefusedNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StartupWait(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
			.withMessageContaining("chunking.startup.wait");
		assertThatIllegalArgumentException().isThrownBy(() -> new StartupWait(Duration.ZERO, Duration.ZERO))
			.withMessageContaining("chunking.startup.retry-interval");
	}

	@Test
	void theFailureReportSaysWhatFailedAndWhatToDo() {
		StoreNotReachableException failure = new StoreNotReachableException("the Artemis broker", "tcp://mq:61616",
				"spring.artemis.broker-url", Duration.ZERO, new IllegalStateException("Failed to create session factory"));

		FailureAnalysis analysis = new StoreNotReachableFailureAnalyzer()
			.analyze(new IllegalStateException("context failed", failure));

		assertThat(analysis.getDescription()).isEqualTo(
				"The Artemis broker at tcp://mq:61616 could not be reached at start-up: Failed to create session factory");
		assertThat(analysis.getAction()).contains("reachable from this host at tcp://mq:61616")
			.contains("or correct spring.artemis.broker-url")
			.contains("set chunking.startup.wait");
	}

	@Test
	void passwordsInLocationsAreHidden() {
		assertThat(Locations.withoutPassword("mongodb://chunking:s3cret@db-0:27017,db-1/?replicaSet=rs0"))
			.isEqualTo("mongodb://chunking:***@db-0:27017,db-1/?replicaSet=rs0");
		assertThat(Locations.withoutPassword("jdbc:postgresql://db/batch?user=b&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db/batch?user=b&password=***&ssl=true");
		assertThat(Locations.withoutPassword("tcp://mq:61616")).isEqualTo("tcp://mq:61616");
	}

	@Test
	void aLocationReadFromASettingSaysWhenItIsUnsetOrDoesNotResolve() {
		MockEnvironment environment = new MockEnvironment().withProperty("a.url", "mongodb://u:p@db/x")
			.withProperty("b.url", "jdbc:h2:mem:${missing.name}");

		assertThat(Locations.ofProperty(environment, "a.url")).isEqualTo("mongodb://u:***@db/x");
		assertThat(Locations.ofProperty(environment, "b.url")).startsWith("(b.url does not resolve: ");
		assertThat(Locations.ofProperty(environment, "c.url")).isEqualTo("(no c.url)");
	}

	/** A start-up call that fails {@code times} times with a store failure, then succeeds. */
	private StartupWait.Call failing(int times) {
		return () -> {
			int attempt = this.tries.incrementAndGet();
			if (attempt <= times) {
				throw new StoreUnavailableException("store", "connection refused (try " + attempt + ")", null);
			}
		};
	}

}
