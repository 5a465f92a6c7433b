package io.chunking.master.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The two phases of a fire time against a real Mongo-wire server (on disk, as the master embeds it): one master
 * takes it, the record of the take says by whom and after which fire time, and a pending fire time whose deadline
 * passed is taken over by exactly one master.
 */
class MongoScheduleStoreIntegrationTests {

	private static final Instant T = Instant.parse("2026-11-28T02:00:00Z");

	@TempDir
	static Path dataDir;

	static MongoServer server;

	static MongoClient mongo;

	MongoScheduleStore store;

	@BeforeAll
	static void startServer() {
		server = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
		server.bind(new InetSocketAddress("127.0.0.1", 0));
		mongo = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
	}

	@AfterAll
	static void stopServer() {
		mongo.close();
		server.shutdownNow();
	}

	@BeforeEach
	void emptyCollection() {
		MongoCollection<Document> schedules = mongo.getDatabase("schedule-test").getCollection("schedules");
		schedules.drop();
		this.store = new MongoScheduleStore(schedules);
	}

	@Test
	void ofTwoMastersThatSeeTheSameStateOnlyOneTakesTheFireTime() {
		ScheduleState state = this.store.ensure("nightly", T);
		Instant fireTime = T.plusSeconds(60);
		assertThat(this.store.take(state, fireTime, true, "master-a", fireTime.plusSeconds(30))).isTrue();
		assertThat(this.store.take(state, fireTime, true, "master-b", fireTime.plusSeconds(30))).isFalse();

		ScheduleState taken = this.store.find("nightly").orElseThrow();
		assertThat(taken.handledUntil()).isEqualTo(fireTime);
		assertThat(taken.firings()).singleElement().satisfies((firing) -> {
			assertThat(firing.fireTime()).isEqualTo(fireTime);
			assertThat(firing.previous()).isEqualTo(T);
			assertThat(firing.takenBy()).isEqualTo("master-a");
			assertThat(firing.takes()).isEqualTo(1);
			assertThat(firing.pending()).isTrue();
			assertThat(firing.overdue(fireTime.plusSeconds(29))).isFalse();
			assertThat(firing.overdue(fireTime.plusSeconds(31))).isTrue();
		});
	}

	@Test
	void aFireTimeNotLaunchedByItsDeadlineIsTakenOverByOneMasterAndLaunchedOnce() {
		Instant fireTime = T.plusSeconds(60);
		this.store.take(this.store.ensure("nightly", T), fireTime, true, "master-a", fireTime.plusSeconds(30));
		Instant later = fireTime.plusSeconds(31);
		Firing overdue = this.store.find("nightly").orElseThrow().overdue(later).get(0);

		assertThat(this.store.takeOver("nightly", overdue, "master-b", later.plusSeconds(30))).isTrue();
		assertThat(this.store.takeOver("nightly", overdue, "master-c", later.plusSeconds(30))).isFalse();
		this.store.launching("nightly", fireTime, "master-b");
		this.store.recordExecution("nightly", fireTime, 7);

		ScheduleState state = this.store.find("nightly").orElseThrow();
		assertThat(state.overdue(later.plusSeconds(3600))).isEmpty();
		assertThat(state.lastExecutionId()).isEqualTo(7);
		assertThat(state.firings()).singleElement().satisfies((firing) -> {
			assertThat(firing.takenBy()).isEqualTo("master-b");
			assertThat(firing.takes()).isEqualTo(1);
			assertThat(firing.launches()).isEqualTo(1);
			assertThat(firing.executionId()).isEqualTo(7);
			assertThat(firing.pending()).isFalse();
		});
		assertThat(this.store.takeOver("nightly", overdue, "master-c", later.plusSeconds(60))).as("once launched")
			.isFalse();
	}

	@Test
	void fireTimesAreRecordedAsAChainAndOnlyTheLatestResolvedOnesAreKept() {
		Instant handled = T;
		for (int i = 1; i <= MongoScheduleStore.KEPT_FIRINGS + 5; i++) {
			Instant fireTime = T.plusSeconds(i);
			ScheduleState state = this.store.ensure("often", T);
			assertThat(this.store.take(state, fireTime, true, "master-a", fireTime.plusSeconds(30))).isTrue();
			this.store.recordExecution("often", fireTime, i);
			handled = fireTime;
		}
		ScheduleState state = this.store.find("often").orElseThrow();
		assertThat(state.handledUntil()).isEqualTo(handled);
		assertThat(state.firings()).hasSize(MongoScheduleStore.KEPT_FIRINGS);
		for (int i = 1; i < state.firings().size(); i++) {
			assertThat(state.firings().get(i).previous()).isEqualTo(state.firings().get(i - 1).fireTime());
		}
		assertThat(state.firings().get(state.firings().size() - 1).executionId())
			.isEqualTo(MongoScheduleStore.KEPT_FIRINGS + 5);
	}

	@Test
	void aPausedScheduleIsNotTaken() {
		ScheduleState state = this.store.ensure("nightly", T);
		this.store.pause("nightly");
		assertThat(this.store.take(state, T.plusSeconds(60), true, "master-a", T.plusSeconds(90))).isFalse();
	}

}
